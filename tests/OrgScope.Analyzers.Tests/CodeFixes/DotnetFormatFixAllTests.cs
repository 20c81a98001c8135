using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using OrgScope.Analyzers.Analyzers;
using OrgScope.Analyzers.Tests.Infrastructure;
using OrgScope.CodeFixes;

namespace OrgScope.Analyzers.Tests.CodeFixes;

/// <summary>
/// Fix All driven the way <c>dotnet format analyzers --diagnostics ORG001 ORG002 ORG004</c> drives it (dotnet/sdk
/// SolutionCodeFixApplier): one pass per id, solution scope, the equivalence key of whatever fix the FIRST diagnostic
/// of any requested id offers (none here: it has no fix), and a diagnostic provider that hands back every requested id.
/// The end-to-end test runs the real dotnet format; this one shows the mechanism in milliseconds.
/// </summary>
public class DotnetFormatFixAllTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Dapper;
        using MySqlConnector;

        public class Repository
        {
            public IEnumerable<long> NoValueInScope(MySqlConnection connection) => connection.Query<long>("SELECT id FROM users");

            public IEnumerable<long> Open(MySqlConnection connection, long organizationId) => connection.Query<long>("SELECT id FROM tasks WHERE done = 0");

            public int Add(MySqlConnection connection, long organizationId, string title) => connection.Execute("INSERT INTO tasks (title) VALUES (@title)", new { title });

            public IEnumerable<long> Both(MySqlConnection connection, long organizationId) => connection.Query<long>("SELECT t.id FROM tasks t, users u WHERE u.id = t.assigned_to");

            public async Task<IEnumerable<long>> Legacy(MySqlConnection connection, long organizationId)
            {
                var hasOrgColumn = await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'tasks'") > 0;
                if (hasOrgColumn)
                {
                    return await connection.QueryAsync<long>("SELECT id FROM tasks WHERE organization_id = @organizationId", new { organizationId });
                }

                return await connection.QueryAsync<long>("SELECT id FROM tasks");
            }

            public long Reviewed(MySqlConnection connection) =>
                // orgscope: cross-org the operators' dashboard
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM tasks");
        }
        """;

    private const string Fixed = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Dapper;
        using MySqlConnector;

        public class Repository
        {
            public IEnumerable<long> NoValueInScope(MySqlConnection connection) => connection.Query<long>("SELECT id FROM users");

            public IEnumerable<long> Open(MySqlConnection connection, long organizationId) => connection.Query<long>("SELECT id FROM tasks WHERE done = 0 AND tasks.organization_id = @OrganizationId", new { OrganizationId = organizationId });

            public int Add(MySqlConnection connection, long organizationId, string title) => connection.Execute("INSERT INTO tasks (title, organization_id) VALUES (@title, @OrganizationId)", new { title, OrganizationId = organizationId });

            public IEnumerable<long> Both(MySqlConnection connection, long organizationId) => connection.Query<long>("SELECT t.id FROM tasks t, users u WHERE u.id = t.assigned_to AND t.organization_id = @OrganizationId AND u.organization_id = @OrganizationId", new { OrganizationId = organizationId });

            public async Task<IEnumerable<long>> Legacy(MySqlConnection connection, long organizationId)
            {
                return await connection.QueryAsync<long>("SELECT id FROM tasks WHERE organization_id = @organizationId", new { organizationId });

                return await connection.QueryAsync<long>("SELECT id FROM tasks WHERE tasks.organization_id = @OrganizationId", new { OrganizationId = organizationId });
            }

            public long Reviewed(MySqlConnection connection) =>
                // orgscope: cross-org the operators' dashboard
                connection.ExecuteScalar<long>("SELECT COUNT(*) FROM tasks");
        }
        """;

    [Fact]
    public async Task Every_offered_fix_applies_in_solution_scope_without_an_equivalence_key()
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Default, "Shop", "Shop", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            metadataReferences: TestReferences.All));
        var solution = workspace.AddDocument(project.Id, "Repository.cs", SourceText.From(Source)).Project.Solution;
        solution = solution.AddDocument(DocumentId.CreateNewId(project.Id), "Entities.cs", SourceText.From(TestSources.Entities));

        foreach (var (fixer, id) in new (CodeFixProvider, string)[] { (new AddOrganizationFilterCodeFix(), "ORG001"), (new AddOrganizationFilterCodeFix(), "ORG002"), (new RemoveSchemaProbeCodeFix(), "ORG004") })
        {
            var diagnostics = await AnalyzeAsync(solution.Projects.Single());
            var first = diagnostics.First(d => d.Location.IsInSource);
            Assert.True(first.Id == "ORG001" && first.GetMessage().Contains("'users'", StringComparison.Ordinal), "the first diagnostic is the one without a fix: " + first);

            var document = solution.GetDocument(first.Location.SourceTree)!;
            CodeAction? offered = null;
            await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, first, (action, _) => offered ??= action, CancellationToken.None));
            Assert.Null(offered);

            var context = new FixAllContext(document, fixer, FixAllScope.Solution, offered?.EquivalenceKey!, [id], new AllDiagnostics(diagnostics), CancellationToken.None);
            var fixAll = await fixer.GetFixAllProvider()!.GetFixAsync(context);
            Assert.NotNull(fixAll);
            var operations = await fixAll!.GetOperationsAsync(CancellationToken.None);
            solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        }

        var result = solution.Projects.Single().Documents.Single(d => d.Name == "Repository.cs");
        Assert.Equal(Fixed, (await result.GetTextAsync()).ToString());

        // What is left: the finding no fix was offered for, and the reviewed exception.
        var left = await AnalyzeAsync(solution.Projects.Single());
        Assert.Equal(["ORG001 users (8,115)", "ORG001 tasks (25,62)"], left.Select(Describe));
        Assert.True(left[1].Properties.ContainsKey("OrgScope.ExemptionReason"));
    }

    private static string Describe(Diagnostic d)
    {
        var position = d.Location.GetLineSpan().StartLinePosition;
        return $"{d.Id} {d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan)} ({position.Line + 1},{position.Character + 1})";
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Project project)
    {
        var compilation = (await project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var diagnostics = await compilation.WithAnalyzers([new OrgScopeAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        return diagnostics.Where(d => d.Id is "ORG001" or "ORG002" or "ORG004").OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
    }

    /// <summary>As dotnet format's provider: every requested diagnostic of the project, whatever id the pass fixes.</summary>
    private sealed class AllDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);
    }
}
