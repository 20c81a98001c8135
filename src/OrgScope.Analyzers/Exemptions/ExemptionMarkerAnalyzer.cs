using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using OrgScope.Analyzers.Diagnostics;
using OrgScope.Analyzers.Resolution;

namespace OrgScope.Analyzers.Exemptions
{
    /// <summary>
    /// ORG006: a marker or [AllowCrossOrg] without a reason, or an <c>orgscope:</c> comment that is no known marker.
    /// Every file is searched as text for the markers (cheap), and only a hit is looked at as syntax: a C# comment,
    /// or a comment inside a string literal's SQL.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ExemptionMarkerAnalyzer : DiagnosticAnalyzer
    {
        private const string NoReason = "gives no reason, so it exempts nothing: write why the statement may do this after it";
        private const string NotAMarker = "is not an OrgScope marker, so it exempts nothing: write 'orgscope: cross-org <reason>' or 'orgscope: schema-probe <reason>'";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ExemptionWithoutReason);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var markers = new TeamMarkers(start.Options.AnalyzerConfigOptionsProvider);
                start.RegisterSyntaxTreeAction(tree => ScanTree(tree, markers.For(tree.Tree)));
                var allowCrossOrg = start.Compilation.GetTypeByMetadataName("OrgScope.AllowCrossOrgAttribute");
                if (allowCrossOrg != null)
                {
                    start.RegisterSyntaxNodeAction(node => CheckAttribute(node, allowCrossOrg), SyntaxKind.Attribute);
                }
            });
        }

        private static void ScanTree(SyntaxTreeAnalysisContext context, IReadOnlyList<string> teamMarkers)
        {
            var text = context.Tree.GetText(context.CancellationToken).ToString();
            if (!ExemptionMarker.MayContainMarker(text, teamMarkers))
            {
                return;
            }

            var root = context.Tree.GetRoot(context.CancellationToken);
            var seen = new HashSet<TextSpan>();
            foreach (var position in Hits(text, teamMarkers))
            {
                var trivia = root.FindTrivia(position);
                if (CSharpMarkers.CommentBody(trivia) is string body)
                {
                    if (seen.Add(trivia.Span) && ExemptionMarker.Parse(body, teamMarkers) is ExemptionMarker marker)
                    {
                        Check(context, marker, trivia.GetLocation());
                    }

                    continue;
                }

                var token = root.FindToken(position);
                if (IsStringText(token) && seen.Add(token.Span))
                {
                    ScanLiteral(context, token, teamMarkers);
                }
            }
        }

        /// <summary>SQL comments inside a literal; the squiggle covers the comment when the literal maps back to source.</summary>
        private static void ScanLiteral(SyntaxTreeAnalysisContext context, SyntaxToken token, IReadOnlyList<string> teamMarkers)
        {
            var value = token.ValueText;
            var markers = SqlMarkers.Scan(value, teamMarkers);
            if (markers.Markers.Count == 0)
            {
                return;
            }

            var mapped = LiteralSpanMap.TryMap(token, value, out var starts, out var ends);
            foreach (var found in markers.Markers)
            {
                var location = mapped && starts[found.Start] >= 0 && ends[found.End - 1] >= starts[found.Start]
                    ? Location.Create(context.Tree, TextSpan.FromBounds(starts[found.Start], ends[found.End - 1]))
                    : token.GetLocation();
                Check(context, found.Marker, location);
            }
        }

        private static void Check(SyntaxTreeAnalysisContext context, ExemptionMarker marker, Location location)
        {
            if (marker.Kind == MarkerKind.Unknown)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ExemptionWithoutReason, location, marker.Marker, NotAMarker));
            }
            else if (!marker.HasReason)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ExemptionWithoutReason, location, marker.Marker, NoReason));
            }
        }

        private static void CheckAttribute(SyntaxNodeAnalysisContext context, INamedTypeSymbol allowCrossOrg)
        {
            var attribute = (AttributeSyntax)context.Node;
            var name = attribute.Name is QualifiedNameSyntax qualified ? qualified.Right.Identifier.ValueText
                : attribute.Name is AliasQualifiedNameSyntax alias ? alias.Name.Identifier.ValueText
                : (attribute.Name as SimpleNameSyntax)?.Identifier.ValueText;
            if (name != "AllowCrossOrg" && name != "AllowCrossOrgAttribute")
            {
                return;
            }

            var type = context.SemanticModel.GetTypeInfo(attribute, context.CancellationToken).Type;
            if (!SymbolEqualityComparer.Default.Equals(type, allowCrossOrg))
            {
                return;
            }

            var argument = attribute.ArgumentList?.Arguments.Count > 0 ? attribute.ArgumentList.Arguments[0].Expression : null;
            var reason = argument is null ? null : context.SemanticModel.GetConstantValue(argument, context.CancellationToken);
            if (argument is null || (reason.HasValue && string.IsNullOrWhiteSpace(reason.Value as string)))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ExemptionWithoutReason, (argument ?? (SyntaxNode)attribute).GetLocation(), "[AllowCrossOrg]", NoReason));
            }
        }

        private static IEnumerable<int> Hits(string text, IReadOnlyList<string> teamMarkers)
        {
            var hits = new List<int>();
            AddHits(text, ExemptionMarker.Prefix, hits);
            foreach (var marker in teamMarkers)
            {
                AddHits(text, marker, hits);
            }

            hits.Sort();
            return hits;
        }

        private static void AddHits(string text, string marker, List<int> hits)
        {
            for (var at = text.IndexOf(marker, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(marker, at + marker.Length, StringComparison.OrdinalIgnoreCase))
            {
                hits.Add(at);
            }
        }

        private static bool IsStringText(SyntaxToken token) =>
            token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken)
            || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken);
    }
}
