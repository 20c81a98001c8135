using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OrgScope.Build.Tests.Infrastructure;

/// <summary>Compiles a real .dll that carries a plan the way the generator's output does (a const in OrgScope.Generated).</summary>
internal static class PlanAssembly
{
    /// <summary>A minimal valid plan document with the given files.</summary>
    public static string PlanJson(params (string Name, string Content)[] files) =>
        JsonSerializer.Serialize(new
        {
            format = 1,
            root = new { entity = "Probe.Organization", table = "organizations", key = "id", sqlType = "BIGINT" },
            tables = Array.Empty<object>(),
            files = files.Select(f => new { name = f.Name, content = f.Content }).ToArray(),
        });

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
