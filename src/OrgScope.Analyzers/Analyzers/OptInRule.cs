using System.Collections.Concurrent;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace OrgScope.Analyzers.Analyzers
{
    /// <summary>
    /// Whether a rule that is off by default (ORG007) was switched on for a file, so that a normal build does not pay
    /// for building records the compiler would drop (measured: 10,000 records cost 25-225 ms beside 100-400 ms for the
    /// SQL analysis of the same sites, under load). A rule that is
    /// off by default is switched on only by its own id — <c>dotnet_diagnostic.ORG007.severity</c> in an .editorconfig
    /// section or a global config, or the compilation's specific options (<c>/warnaserror+:ORG007</c>, a ruleset); the
    /// category and all-analyzer severity keys never enable such a rule, so nothing else needs reading.
    /// </summary>
    internal sealed class OptInRule
    {
        private readonly string _id;
        private readonly CompilationOptions _options;
        private readonly ConcurrentDictionary<SyntaxTree, bool> _byTree = new ConcurrentDictionary<SyntaxTree, bool>();

        public OptInRule(string id, CompilationOptions options)
        {
            _id = id;
            _options = options;
        }

        public bool IsOn(SyntaxTree tree, CancellationToken cancellationToken) =>
            _byTree.GetOrAdd(tree, t => Read(t, cancellationToken));

        private bool Read(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var provider = _options.SyntaxTreeOptionsProvider;
            if (provider != null
                && (provider.TryGetDiagnosticValue(tree, _id, cancellationToken, out var severity)
                    || provider.TryGetGlobalDiagnosticValue(_id, cancellationToken, out severity)))
            {
                return On(severity);
            }

            return _options.SpecificDiagnosticOptions.TryGetValue(_id, out var specific) && On(specific);
        }

        private static bool On(ReportDiagnostic severity) => severity != ReportDiagnostic.Suppress && severity != ReportDiagnostic.Default;
    }
}
