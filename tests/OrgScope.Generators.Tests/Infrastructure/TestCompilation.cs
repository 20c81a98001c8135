using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OrgScope.Generators.Tests.Infrastructure;

/// <summary>Builds in-memory compilations against .NET 8 reference assemblies and OrgScope.Abstractions.</summary>
internal static class TestCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp12);

    private const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Linq;
        global using System.Threading.Tasks;
        """;

    private static readonly ImmutableArray<MetadataReference> References = Net80.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(OrgScopedAttribute).Assembly.Location))
        .ToImmutableArray();

    /// <summary>A compilation of the given files (path → source) plus the implicit global usings.</summary>
    public static CSharpCompilation Create(params (string Path, string Source)[] files)
    {
        var trees = files
            .Select(f => CSharpSyntaxTree.ParseText(f.Source, ParseOptions, f.Path))
            .Append(CSharpSyntaxTree.ParseText(GlobalUsings, ParseOptions, "GlobalUsings.cs"));
        return CSharpCompilation.Create(
            "TestAssembly",
            trees,
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
    }

    public static CSharpCompilation Create(string source) => Create(("Entities.cs", source));

    /// <summary>The sample app's annotated entities (samples/OrgScope.Sample/Entities).</summary>
    public static CSharpCompilation Sample() =>
        Create(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "samples", "OrgScope.Sample", "Entities"), "*.cs")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => ($"Entities/{Path.GetFileName(p)}", File.ReadAllText(p)))
            .ToArray());
}
