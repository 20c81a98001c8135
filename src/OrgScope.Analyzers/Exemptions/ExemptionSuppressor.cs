using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OrgScope.Analyzers.Diagnostics;

namespace OrgScope.Analyzers.Exemptions
{
    /// <summary>
    /// Suppresses the findings the analyzer marked as reviewed exceptions, each with its own reason as the
    /// suppression's justification. Suppressed, not dropped: builds and the IDE stay quiet, and a SARIF log
    /// (<c>-p:ErrorLog=x.sarif%2Cversion=2.1</c>) keeps every exempt finding with its reason, marker and location.
    /// <c>dotnet_diagnostic.ORGX001.severity = none</c> (ORGX001–ORGX005, one per rule) turns a suppression off.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ExemptionSuppressor : DiagnosticSuppressor
    {
        private static readonly Dictionary<string, SuppressionDescriptor> ByRule = new[]
        {
            DiagnosticDescriptors.MissingOrganizationFilter,
            DiagnosticDescriptors.InsertWithoutOrganization,
            DiagnosticDescriptors.BypassableFilter,
            DiagnosticDescriptors.SchemaProbe,
            DiagnosticDescriptors.UnresolvedSql,
        }.ToDictionary(d => d.Id, d => new SuppressionDescriptor(SuppressionId(d.Id), d.Id, ExemptionJustification.Declared), StringComparer.Ordinal);

        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ByRule.Values.ToImmutableArray();

        /// <summary>ORG001 → ORGX001.</summary>
        public static string SuppressionId(string ruleId) => "ORGX" + ruleId.Substring(3);

        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (!ByRule.TryGetValue(diagnostic.Id, out var supported)
                    || !diagnostic.Properties.TryGetValue(Exemption.ReasonProperty, out var reason) || string.IsNullOrWhiteSpace(reason))
                {
                    continue;
                }

                try
                {
                    context.ReportSuppression(Suppression.Create(new SuppressionDescriptor(supported.Id, diagnostic.Id, new ExemptionJustification(reason!)), diagnostic));
                }
                catch (ArgumentException)
                {
                    // A host that validated descriptors another way: still suppressed; the reason stays in the properties.
                    context.ReportSuppression(Suppression.Create(supported, diagnostic));
                }
            }
        }
    }
}
