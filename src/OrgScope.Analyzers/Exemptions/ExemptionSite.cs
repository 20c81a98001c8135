using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OrgScope.Analyzers.Resolution;

namespace OrgScope.Analyzers.Exemptions
{
    /// <summary>
    /// The reviewed exceptions that may apply at one sink, looked up only when a finding is reported there. The most
    /// specific place wins: a marker in the SQL statement, then one at the statement holding the flagged literal, at
    /// the statement holding the sink, at the declaration of the local or field the SQL comes from, then
    /// [AllowCrossOrg] on the member or type. A marker without a reason exempts nothing (ORG006 says so).
    /// </summary>
    internal sealed class ExemptionSite
    {
        private readonly ISymbol? _containingSymbol;
        private readonly INamedTypeSymbol? _allowCrossOrg;
        private readonly IOperation _sink;
        private readonly IOperation _value;
        private readonly TeamMarkers _teamMarkers;
        private Dictionary<ResolvedSql, SqlMarkers>? _sqlMarkers;
        private List<(ExemptionMarker Marker, Location Location)>? _siteMarkers;
        private bool _attributeRead;
        private Exemption? _attribute;

        public ExemptionSite(ISymbol? containingSymbol, INamedTypeSymbol? allowCrossOrg, IOperation sink, IOperation value, TeamMarkers teamMarkers)
        {
            _containingSymbol = containingSymbol;
            _allowCrossOrg = allowCrossOrg;
            _sink = sink;
            _value = value;
            _teamMarkers = teamMarkers;
        }

        /// <summary>The team markers of the site's file (read when a finding first looks for its exemption; kept per file).</summary>
        private IReadOnlyList<string> Markers => _teamMarkers.For(_value.Syntax.SyntaxTree);

        /// <summary>The exemption for a finding of <paramref name="ruleId"/> at <paramref name="location"/> (SQL offset when known).</summary>
        public Exemption? For(string ruleId, Location location, ResolvedSql? sql = null, int sqlOffset = -1)
        {
            if (sql != null && sqlOffset >= 0)
            {
                var markers = SqlMarkersOf(sql);
                var statement = markers.StatementOf(sqlOffset);
                foreach (var found in markers.Markers)
                {
                    if (found.Statement == statement && found.Marker.HasReason && Exemption.Covers(found.Marker.Kind, ruleId))
                    {
                        return Exemption.FromSqlComment(found.Marker, sql.MapSpan(found.Start, found.End) ?? _value.Syntax.GetLocation());
                    }
                }
            }

            if (location.IsInSource && location.SourceTree == _sink.Syntax.SyntaxTree && !_value.Syntax.Span.Contains(location.SourceSpan))
            {
                var anchor = CSharpMarkers.AnchorOf(location.SourceTree.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true));
                var exemption = anchor is null ? null : FirstCovering(MarkersOf(anchor), ruleId);
                if (exemption != null)
                {
                    return exemption;
                }
            }

            return FirstCovering(SiteMarkers(), ruleId) ?? Attribute();
        }

        private static Exemption? FirstCovering(IEnumerable<(ExemptionMarker Marker, Location Location)> markers, string ruleId)
        {
            foreach (var (marker, location) in markers)
            {
                if (marker.HasReason && Exemption.Covers(marker.Kind, ruleId))
                {
                    return Exemption.FromComment(marker, location);
                }
            }

            return null;
        }

        private SqlMarkers SqlMarkersOf(ResolvedSql sql)
        {
            if (!ExemptionMarker.MayContainMarker(sql.Text, Markers))
            {
                return SqlMarkers.None;
            }

            _sqlMarkers ??= new Dictionary<ResolvedSql, SqlMarkers>();
            if (!_sqlMarkers.TryGetValue(sql, out var markers))
            {
                markers = SqlMarkers.Scan(sql.Text, Markers);
                _sqlMarkers.Add(sql, markers);
            }

            return markers;
        }

        /// <summary>The markers of the sink's statement and of the declaration its SQL comes from (a local, a field).</summary>
        private List<(ExemptionMarker, Location)> SiteMarkers()
        {
            if (_siteMarkers != null)
            {
                return _siteMarkers;
            }

            _siteMarkers = new List<(ExemptionMarker, Location)>();
            var sinkAnchor = CSharpMarkers.AnchorOf(_sink.Syntax);
            if (sinkAnchor != null)
            {
                _siteMarkers.AddRange(MarkersOf(sinkAnchor));
            }

            var origin = Origin(_value);
            if (origin != null)
            {
                foreach (var reference in origin.DeclaringSyntaxReferences)
                {
                    var anchor = CSharpMarkers.AnchorOf(reference.GetSyntax());
                    if (anchor != null && anchor != sinkAnchor)
                    {
                        _siteMarkers.AddRange(MarkersOf(anchor));
                    }
                }
            }

            return _siteMarkers;
        }

        /// <summary>
        /// The C# comment markers of <paramref name="anchor"/>, read only when its text (comments above it included) holds
        /// a marker at all: a finding's statement almost never does, and walking its trivia for every finding, or scanning
        /// every file once, was the largest part of the analyzer's own time on issue 12's project.
        /// </summary>
        private IEnumerable<(ExemptionMarker Marker, Location Location)> MarkersOf(SyntaxNode anchor) =>
            ExemptionMarker.MayContainMarker(anchor.SyntaxTree.GetText().ToString(anchor.FullSpan), Markers)
                ? CSharpMarkers.Of(anchor, Markers)
                : System.Linq.Enumerable.Empty<(ExemptionMarker, Location)>();

        private Exemption? Attribute()
        {
            if (!_attributeRead)
            {
                _attribute = AllowCrossOrgAttributes.Find(_containingSymbol, _allowCrossOrg);
                _attributeRead = true;
            }

            return _attribute;
        }

        /// <summary>The local or field whose value the sink receives, when the SQL is passed by name.</summary>
        private static ISymbol? Origin(IOperation value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value switch
            {
                ILocalReferenceOperation local => local.Local,
                IFieldReferenceOperation field => field.Field,
                _ => null,
            };
        }
    }
}
