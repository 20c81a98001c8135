using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
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

        // Per file and marker list: whether its text holds any marker at all. Most files hold none, and then no
        // statement's comments need reading when a finding there looks for its exemption.
        private readonly ConcurrentDictionary<(SyntaxTree Tree, IReadOnlyList<string> Markers), bool> _mayHoldMarkers =
            new ConcurrentDictionary<(SyntaxTree Tree, IReadOnlyList<string> Markers), bool>();

        // Whether any file of the compilation holds a marker: in the many projects where none does, a finding's exemption
        // lookup costs nothing more than this one scan (measured: the per-file lookup was the largest part of the
        // analyzer's own time on 10,000 sites, docs/benchmarks/analyzer.md).
        private readonly Lazy<bool>? _anyFileMayHoldMarkers;

        public TeamMarkers(AnalyzerConfigOptionsProvider options, Compilation? compilation = null)
        {
            _options = options;
            if (compilation != null)
            {
                _anyFileMayHoldMarkers = new Lazy<bool>(
                    () => compilation.SyntaxTrees.Any(tree => ExemptionMarker.MayContainMarker(tree.GetText().ToString(), For(tree))),
                    System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            }
        }

        /// <summary>False when <paramref name="tree"/>'s text holds neither <c>orgscope:</c> nor one of <paramref name="markers"/>.</summary>
        public bool MayHoldMarkers(SyntaxTree tree, IReadOnlyList<string> markers) =>
            (_anyFileMayHoldMarkers is null || _anyFileMayHoldMarkers.Value)
            && _mayHoldMarkers.GetOrAdd((tree, markers), key => ExemptionMarker.MayContainMarker(key.Tree.GetText().ToString(), key.Markers));

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
