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
    /// Every file is searched as text for the markers and the attribute's name (cheap), and only a hit is looked at as
    /// syntax: a C# comment, a comment inside a string literal's SQL, or an attribute (then bound, to be sure it is ours).
    /// No syntax-node action: one would make the driver walk every node of every file for the few attributes there are
    /// (measured: about as much time as the ORG001–ORG005 analyzer's own, docs/benchmarks/analyzer.md).
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
                var allowCrossOrg = start.Compilation.GetTypeByMetadataName("OrgScope.AllowCrossOrgAttribute");
                start.RegisterSemanticModelAction(model => Scan(model, markers.For(model.SemanticModel.SyntaxTree), allowCrossOrg));
            });
        }

        private static void Scan(SemanticModelAnalysisContext context, IReadOnlyList<string> teamMarkers, INamedTypeSymbol? allowCrossOrg)
        {
            var tree = context.SemanticModel.SyntaxTree;
            var text = tree.GetText(context.CancellationToken).ToString();
            if (ExemptionMarker.MayContainMarker(text, teamMarkers))
            {
                ScanMarkers(context, tree, text, teamMarkers);
            }

            if (allowCrossOrg != null && text.IndexOf(AttributeName, StringComparison.Ordinal) >= 0)
            {
                ScanAttributes(context, tree, text, allowCrossOrg);
            }
        }

        private const string AttributeName = "AllowCrossOrg";

        private static void ScanMarkers(SemanticModelAnalysisContext context, SyntaxTree tree, string text, IReadOnlyList<string> teamMarkers)
        {
            var root = tree.GetRoot(context.CancellationToken);
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
        private static void ScanLiteral(SemanticModelAnalysisContext context, SyntaxToken token, IReadOnlyList<string> teamMarkers)
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
                    ? Location.Create(token.SyntaxTree!, TextSpan.FromBounds(starts[found.Start], ends[found.End - 1]))
                    : token.GetLocation();
                Check(context, found.Marker, location);
            }
        }

        private static void Check(SemanticModelAnalysisContext context, ExemptionMarker marker, Location location)
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

        /// <summary>Each attribute whose name the text mentions (an identifier of the name, not a comment or a string).</summary>
        private static void ScanAttributes(SemanticModelAnalysisContext context, SyntaxTree tree, string text, INamedTypeSymbol allowCrossOrg)
        {
            var root = tree.GetRoot(context.CancellationToken);
            var seen = new HashSet<TextSpan>();
            for (var at = text.IndexOf(AttributeName, StringComparison.Ordinal); at >= 0; at = text.IndexOf(AttributeName, at + AttributeName.Length, StringComparison.Ordinal))
            {
                var attribute = root.FindToken(at).Parent?.FirstAncestorOrSelf<AttributeSyntax>();
                if (attribute != null && seen.Add(attribute.Span))
                {
                    CheckAttribute(context, attribute, allowCrossOrg);
                }
            }
        }

        private static void CheckAttribute(SemanticModelAnalysisContext context, AttributeSyntax attribute, INamedTypeSymbol allowCrossOrg)
        {
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
