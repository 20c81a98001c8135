using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OrgScope.Generators.Tests.Infrastructure;

/// <summary>MSBuild properties as the compiler hands them to a generator: <c>build_property.Name</c> global options.</summary>
internal sealed class BuildProperties(ImmutableDictionary<string, string> properties) : AnalyzerConfigOptionsProvider
{
    private readonly Options _global = new(properties.ToImmutableDictionary(kv => "build_property." + kv.Key, kv => kv.Value));

    public static BuildProperties Of(params (string Name, string Value)[] properties) =>
        new(properties.ToImmutableDictionary(p => p.Name, p => p.Value));

    public override AnalyzerConfigOptions GlobalOptions => _global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(ImmutableDictionary<string, string>.Empty);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
