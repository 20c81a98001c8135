using System.Collections.Immutable;
using System.IO.Compression;
using System.Reflection;
using System.Reflection.Metadata;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OrgScope.EndToEnd.Tests.Infrastructure;

namespace OrgScope.EndToEnd.Tests;

/// <summary>
/// The package's analyzers/ assemblies load and run on the oldest Roslyn the package supports: this test process
/// carries Microsoft.CodeAnalysis exactly at $(RoslynVersion) (4.8: Visual Studio 2022 17.8, the .NET 8 SDK), so an
/// assembly compiled against a newer API fails here as it would in an older IDE (a load failure, CS8032, AD0001).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class RoslynFloorTests(LocalFeed feed) : IDisposable
{
    private readonly string _folder = feed.NewWorkspace("roslyn-floor");

    [Fact]
    public void The_test_runs_on_the_floor_version()
    {
        Assert.Equal(new Version(RepoPaths.RoslynVersion + ".0"), typeof(Compilation).Assembly.GetName().Version);
    }

    [Fact]
    public void Packed_analyzers_reference_no_Roslyn_newer_than_the_floor()
    {
        var floor = new Version(RepoPaths.RoslynVersion + ".0");
        foreach (var path in Extract("analyzers/dotnet/cs/"))
        {
            using var stream = File.OpenRead(path);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var reader = pe.GetMetadataReader();
            var roslyn = reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h))
                .Where(r => reader.GetString(r.Name).StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                .ToList();
            Assert.NotEmpty(roslyn);
            Assert.All(roslyn, r => Assert.True(r.Version <= floor, $"{Path.GetFileName(path)} references {reader.GetString(r.Name)} {r.Version}"));
        }
    }

    [Fact]
    public async Task Packed_generator_and_analyzers_run_in_a_Roslyn_4_8_compilation()
    {
        var paths = Extract("analyzers/dotnet/cs/");
        var abstractions = Extract("lib/netstandard2.0/").Single(p => p.EndsWith(".dll", StringComparison.Ordinal));
        var loader = new FolderLoader(Path.GetDirectoryName(paths[0])!);
        var loadFailures = new List<string>();
        var references = paths.Select(p =>
        {
            var reference = new AnalyzerFileReference(p, loader);
            reference.AnalyzerLoadFailed += (_, e) => loadFailures.Add($"{Path.GetFileName(p)}: {e.ErrorCode} {e.Message}");
            return reference;
        }).ToList();

        var analyzers = references.SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
        var generators = references.SelectMany(r => r.GetGenerators(LanguageNames.CSharp)).ToList();
        Assert.Empty(loadFailures);
        Assert.NotEmpty(analyzers);
        Assert.Single(generators);

        var compilation = CSharpCompilation.Create("Shop",
            [
                CSharpSyntaxTree.ParseText(ConsumerSources.Entities, Options, "Entities.cs"),
                CSharpSyntaxTree.ParseText(ConsumerSources.Repository(ConsumerSources.LeakingQuery, withProbe: true), Options, "TaskRepository.cs"),
                CSharpSyntaxTree.ParseText("global using System; global using System.Threading.Tasks;", Options, "Usings.cs"),
            ],
            [.. FrameworkReferences(), MetadataReference.CreateFromFile(abstractions), MetadataReference.CreateFromFile(typeof(MySqlConnector.MySqlCommand).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        // The generator: the plan, and the scoped-tables attribute that consuming projects read.
        CSharpGeneratorDriver.Create(generators.ToArray()).WithUpdatedParseOptions(Options)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        Assert.Empty(generatorDiagnostics);
        var generatedText = string.Join("\n", generated.SyntaxTrees.Skip(compilation.SyntaxTrees.Length).Select(t => t.ToString()));
        Assert.Contains("OrgScopePlan", generatedText, StringComparison.Ordinal);
        Assert.Contains("OrgScopedTables", generatedText, StringComparison.Ordinal);
        Assert.Empty(generated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await generated.WithAnalyzers(analyzers).GetAllDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "CS8032" or "CS8784" or "CS8785");
        Assert.Contains(diagnostics, d => d.Id == "ORG001");
        Assert.Contains(diagnostics, d => d.Id == "ORG004");

        // The code fixes load against Workspaces at the floor too.
        var codeFixes = loader.LoadFromPath(paths.Single(p => p.EndsWith("OrgScope.CodeFixes.dll", StringComparison.Ordinal)))
            .GetTypes().Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!).ToList();
        Assert.Contains(codeFixes, f => f.FixableDiagnosticIds.Contains("ORG001"));
    }

    [Fact]
    public async Task Packed_suppressor_suppresses_a_reviewed_exception_with_its_own_reason_on_Roslyn_4_8()
    {
        var paths = Extract("analyzers/dotnet/cs/");
        var abstractions = Extract("lib/netstandard2.0/").Single(p => p.EndsWith(".dll", StringComparison.Ordinal));
        var loader = new FolderLoader(Path.GetDirectoryName(paths[0])!);
        var analyzers = paths.Where(p => p.EndsWith("OrgScope.Analyzers.dll", StringComparison.Ordinal))
            .SelectMany(p => new AnalyzerFileReference(p, loader).GetAnalyzers(LanguageNames.CSharp)).ToImmutableArray();
        Assert.Contains(analyzers, a => a is DiagnosticSuppressor);

        var repository = ConsumerSources.Repository(ConsumerSources.LeakingQuery, withProbe: false).Replace(
            "        await using var command",
            "        // orgscope: cross-org the floor keeps each statement's reason\n        await using var command",
            StringComparison.Ordinal);
        var compilation = CSharpCompilation.Create("Shop",
            [
                CSharpSyntaxTree.ParseText(ConsumerSources.Entities, Options, "Entities.cs"),
                CSharpSyntaxTree.ParseText(repository, Options, "TaskRepository.cs"),
                CSharpSyntaxTree.ParseText("global using System; global using System.Threading.Tasks;", Options, "Usings.cs"),
            ],
            [.. FrameworkReferences(), MetadataReference.CreateFromFile(abstractions), MetadataReference.CreateFromFile(typeof(MySqlConnector.MySqlCommand).Assembly.Location)],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true,
            logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync();
        Assert.DoesNotContain(diagnostics, d => d.Id is "AD0001" or "CS8032");
        var finding = Assert.Single(diagnostics, d => d.Id == "ORG001");
        Assert.True(finding.IsSuppressed);

        // Roslyn keeps the suppression's (id, justification) pairs internally; the SARIF logger prints them.
        var info = typeof(Diagnostic).GetProperty("ProgrammaticSuppressionInfo", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(finding)!;
        var suppressions = (System.Collections.IEnumerable)info.GetType().GetProperty("Suppressions")!.GetValue(info)!;
        var suppression = Assert.Single(suppressions.Cast<object>());
        Assert.Equal("(ORGX001, the floor keeps each statement's reason)", suppression.ToString());
    }

    private static readonly CSharpParseOptions Options = new(LanguageVersion.CSharp12);

    private static IEnumerable<MetadataReference> FrameworkReferences() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Select(p => MetadataReference.CreateFromFile(p));

    /// <summary>Unzips the package's files under <paramref name="prefix"/> into this test's folder.</summary>
    private List<string> Extract(string prefix)
    {
        var target = Path.Combine(_folder, prefix.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(target);
        using var zip = ZipFile.OpenRead(feed.PackagePath(LocalFeed.PackageId));
        var paths = new List<string>();
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal) && e.FullName.EndsWith(".dll", StringComparison.Ordinal)))
        {
            var path = Path.Combine(target, entry.Name);
            entry.ExtractToFile(path, overwrite: true);
            paths.Add(path);
        }

        Assert.NotEmpty(paths);
        return paths;
    }

    public void Dispose()
    {
        // Assemblies loaded from it stay mapped until the process ends; the feed's folder is removed at the end.
    }

    /// <summary>
    /// Loads the package's analyzer assemblies from their folder, the way the compiler does: each other's references
    /// from there, Roslyn itself (and the framework) from the host, which here is Roslyn 4.8.
    /// </summary>
    private sealed class FolderLoader(string folder) : IAnalyzerAssemblyLoader
    {
        private readonly AssemblyLoadContext _context = new FolderContext(folder);

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => _context.LoadFromAssemblyPath(fullPath);

        private sealed class FolderContext(string folder) : AssemblyLoadContext("orgscope-analyzers")
        {
            protected override Assembly? Load(AssemblyName assemblyName)
            {
                var candidate = Path.Combine(folder, assemblyName.Name + ".dll");
                return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
            }
        }
    }
}
