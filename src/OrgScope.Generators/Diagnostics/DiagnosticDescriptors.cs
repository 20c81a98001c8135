using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OrgScope.Generators.Diagnostics
{
    /// <summary>Every OrgScope diagnostic; rule ids are stable once released (AnalyzerReleases.*.md).</summary>
    internal static partial class DiagnosticDescriptors
    {
        private static Dictionary<string, DiagnosticDescriptor>? _byId;

        /// <summary>The descriptor of a rule id carried by a <see cref="DiagnosticInfo"/>.</summary>
        public static DiagnosticDescriptor ById(string id)
        {
            _byId ??= ModelRules.ToDictionary(d => d.Id);
            return _byId[id];
        }

        private static string HelpLink(string id) => $"https://github.com/orgscope/orgscope/blob/main/docs/rules/{id}.md";

        private static DiagnosticDescriptor Error(string id, string category, string title, string message) =>
            new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));
    }
}
