using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OrgScope.Analyzers.Exemptions
{
    /// <summary>
    /// A team's own cross-organization markers, from <c>orgscope.cross_org_markers = xtenant:, cross-tenant:</c> in
    /// .editorconfig or .globalconfig: they count exactly as <c>orgscope: cross-org</c>. Parsed once per distinct value.
    /// </summary>
    internal sealed class TeamMarkers
    {
        public const string ConfigKey = "orgscope.cross_org_markers";

        private readonly AnalyzerConfigOptionsProvider _options;
        private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _parsed = new ConcurrentDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);

        public TeamMarkers(AnalyzerConfigOptionsProvider options) => _options = options;

        /// <summary>The team markers that count in <paramref name="tree"/> (read once per file).</summary>
        public IReadOnlyList<string> For(SyntaxTree tree) => _byTree.GetOrAdd(tree, Read);

        private readonly ConcurrentDictionary<SyntaxTree, IReadOnlyList<string>> _byTree = new ConcurrentDictionary<SyntaxTree, IReadOnlyList<string>>();

        private IReadOnlyList<string> Read(SyntaxTree tree)
        {
            if (!_options.GetOptions(tree).TryGetValue(ConfigKey, out var value) && !_options.GlobalOptions.TryGetValue(ConfigKey, out value))
            {
                return Array.Empty<string>();
            }

            return _parsed.GetOrAdd(value, ExemptionMarker.ParseTeamMarkers);
        }
    }
}
