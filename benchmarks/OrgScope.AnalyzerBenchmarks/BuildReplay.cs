using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace OrgScope.AnalyzerBenchmarks;

/// <summary>
/// The compilation a build hands its analyzers, rebuilt in this process from the build's own csc command line: the same
/// source files, references (Dapper.AOT's runtime library included), parse and compilation options, additional files
/// and .editorconfig/.globalconfig options (the SDK's build_property.* values). Profiling against it instead of a
/// hand-made compilation means an analyzer that changes course on a reference or a build property (Dapper.AOT does)
/// does here exactly what it does in the build.
/// </summary>
internal sealed class BuildReplay
{
    private readonly CSharpCommandLineArguments _arguments;
    private readonly ImmutableArray<SyntaxTree> _trees;
    private readonly ImmutableArray<MetadataReference> _references;
    private readonly AnalyzerOptions _analyzerOptions;

    private BuildReplay(CSharpCommandLineArguments arguments, ImmutableArray<SyntaxTree> trees, ImmutableArray<MetadataReference> references, AnalyzerOptions analyzerOptions)
    {
        _arguments = arguments;
        _trees = trees;
        _references = references;
        _analyzerOptions = analyzerOptions;
    }

    public int FileCount => _trees.Length;

    public AnalyzerOptions AnalyzerOptions => _analyzerOptions;

    /// <param name="commandLineFile">A file holding the csc command line as the build logged it (`-v:d`), the compiler's
    /// own path first or not; its directory is taken as the project directory for relative paths.</param>
    public static BuildReplay Load(string commandLineFile)
    {
        var text = File.ReadAllText(commandLineFile).Trim();
        var words = CommandLineParser.SplitCommandLineIntoArguments(text, removeHashComments: false).ToList();
        // The logged line starts with the compiler (`…/bincore/csc` or `dotnet exec …/csc.dll`): options start at /noconfig.
        var firstOption = words.FindIndex(word => word.StartsWith("/noconfig", StringComparison.Ordinal));
        words.RemoveRange(0, Math.Max(firstOption, 0));

        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(commandLineFile))!;
        var arguments = CSharpCommandLineParser.Default.Parse(words, projectDirectory, sdkDirectory: null);
        var errors = arguments.Errors.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("the command line in " + commandLineFile + " does not parse: " + errors[0].GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        var trees = arguments.SourceFiles
            .Select(file => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(file.Path), System.Text.Encoding.UTF8), arguments.ParseOptions, file.Path))
            .ToImmutableArray();
        var references = arguments.ResolveMetadataReferences(new Resolver(projectDirectory)).ToImmutableArray();
        var additional = arguments.AdditionalFiles.Select(file => (AdditionalText)new FileText(file.Path)).ToImmutableArray();
        var configs = arguments.AnalyzerConfigPaths.Select(path => AnalyzerConfig.Parse(File.ReadAllText(path), path)).ToImmutableArray();
        var provider = new ConfigProvider(AnalyzerConfigSet.Create(configs), trees, additional);
        return new BuildReplay(arguments, trees, references, new AnalyzerOptions(additional, provider));
    }

    /// <summary>A fresh compilation each time: nothing an earlier analyzer bound is left for the next.</summary>
    public CSharpCompilation CreateCompilation() =>
        CSharpCompilation.Create(_arguments.CompilationName ?? "Replay", _trees, _references, _arguments.CompilationOptions);

    private sealed class Resolver(string baseDirectory) : MetadataReferenceResolver
    {
        public override bool Equals(object? other) => other is Resolver;

        public override int GetHashCode() => 0;

        public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties)
        {
            var path = Path.IsPathRooted(reference) ? reference : Path.Combine(baseDirectory, reference);
            return File.Exists(path)
                ? ImmutableArray.Create(MetadataReference.CreateFromFile(path, properties))
                : ImmutableArray<PortableExecutableReference>.Empty;
        }
    }

    private sealed class FileText(string path) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(File.ReadAllText(Path));
    }

    /// <summary>What the compiler's own options provider answers: per source file the sections that match it, and the
    /// global options (build_property.*) for everything.</summary>
    private sealed class ConfigProvider : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, AnalyzerConfigOptions> _byPath = new(StringComparer.Ordinal);

        public ConfigProvider(AnalyzerConfigSet set, ImmutableArray<SyntaxTree> trees, ImmutableArray<AdditionalText> additional)
        {
            GlobalOptions = new Options(set.GlobalConfigOptions.AnalyzerOptions);
            foreach (var path in trees.Select(t => t.FilePath).Concat(additional.Select(a => a.Path)))
            {
                _byPath[path] = new Options(set.GetOptionsForSourcePath(path).AnalyzerOptions);
            }
        }

        public override AnalyzerConfigOptions GlobalOptions { get; }

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _byPath.TryGetValue(tree.FilePath, out var options) ? options : GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _byPath.TryGetValue(textFile.Path, out var options) ? options : GlobalOptions;
    }

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);

        public override IEnumerable<string> Keys => values.Keys;
    }
}
