using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OrgScope.Plan;

namespace OrgScope.Build.Tests.Infrastructure;

/// <summary>Compiles a real .dll that carries a plan the way the generator's output does (a const in OrgScope.Generated).</summary>
internal static class PlanAssembly
{
    /// <summary>
    /// A minimal valid plan document (format 2: the model; the files are rendered from it): one table, notes, whose
    /// organization comes from <paramref name="sourceColumn"/>. <paramref name="generator"/> is the OrgScope version that
    /// built it (default: this repository's).
    /// </summary>
    public static string PlanJson(string sourceColumn = "org_ref", string? generator = null, int format = PlanDocument.CurrentFormat) =>
        JsonSerializer.Serialize(new
        {
            format,
            generator = generator ?? PlanReader.RendererVersion,
            root = new { entity = "Probe.Organization", table = "organizations", key = "id", sqlType = "BIGINT" },
            tables = new[]
            {
                new
                {
                    entity = "Probe.Note", table = "notes", column = "organization_id", sqlType = "BIGINT",
                    key = new[] { new { column = "id", sqlType = "BIGINT" } },
                    onConflict = "Report",
                    dependsOn = Array.Empty<string>(),
                    sources = new[]
                    {
                        new
                        {
                            kind = "OrgReference", name = "OrgRef", localColumn = sourceColumn, targetTable = "organizations",
                            targetKeyColumn = "id", targetOrgColumn = "id", primaryColumn = (string?)null, description = "notes." + sourceColumn,
                        },
                    },
                },
            },
        });

    /// <summary>The files the writer must write for <paramref name="json"/>, rendered as the writer renders them.</summary>
    public static IReadOnlyDictionary<string, string> Files(string json) =>
        PlanReader.Parse(json, "test").Files.ToDictionary(f => f.Name, f => f.Content);

    /// <summary>The C# the generator would emit for <paramref name="json"/>.</summary>
    public static string PlanSource(string json) =>
        "namespace OrgScope.Generated { internal static class OrgScopePlan { public const string Json = "
        + SymbolDisplay.FormatLiteral(json, quote: true) + "; } }";

    /// <summary>Writes <paramref name="path"/>: an assembly with the plan, or with none when <paramref name="json"/> is null.</summary>
    public static string Emit(string path, string? json)
    {
        var source = json is null ? "namespace Probe { public static class Nothing { } }" : PlanSource(json);
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(path),
            [CSharpSyntaxTree.ParseText(source)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = File.Create(path);
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, result.Diagnostics));
        }

        return path;
    }
}
