using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using OrgScope.Generators.Tests.Infrastructure;
using Xunit;

namespace OrgScope.Generators.Tests;

/// <summary>What the README and docs tell a new user to write compiles as written (a user copies it verbatim).</summary>
public sealed class DocsSnippetTests
{
    private static readonly string[] Documents = ["README.md", .. Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "docs"), "*.md", SearchOption.AllDirectories)
        .Select(p => Path.GetRelativePath(TestPaths.RepoRoot, p))];

    [Fact]
    public void The_READMEs_entity_code_compiles_through_the_generator_without_errors()
    {
        var blocks = Regex.Matches(Read("README.md"), "```csharp\n(.*?)```", RegexOptions.Singleline)
            .Select(m => m.Groups[1].Value)
            .Where(code => code.Contains("[OrgRoot", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(blocks);

        foreach (var code in blocks)
        {
            var run = GeneratorRun.Run(TestCompilation.Create(code));

            Assert.Empty(run.Diagnostics);
            Assert.Empty(run.OutputErrors());
        }
    }

    [Fact]
    public void Every_OnConflict_assignment_the_docs_show_compiles()
    {
        var assignments = Documents
            .SelectMany(doc => Regex.Matches(Read(doc), @"`(OnConflict = [^`]+)`").Select(m => (doc, m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(assignments);

        foreach (var (doc, assignment) in assignments)
        {
            var source = $$"""
                using OrgScope;
                [OrgRoot] public class Organization { public long Id { get; set; } }
                [OrgScoped(InferFrom = [nameof(OrganizationRef)], {{assignment}})] public class Note
                {
                    public long Id { get; set; }
                    [References(typeof(Organization))] public long? OrganizationRef { get; set; }
                }
                """;
            var errors = TestCompilation.Create(source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{doc}: `{assignment}` does not compile: {string.Join("; ", errors)}");
        }
    }

    private static string Read(string relativePath) => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, relativePath)).Replace("\r\n", "\n");
}
