using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using OrgScope.Analyzers.Diagnostics;

namespace OrgScope.Analyzers.Exemptions
{
    /// <summary>
    /// A reviewed exception that applies to a finding: the reason, where it was written and how. The finding is still
    /// reported, carrying these as properties (and the marker as an additional location), so that
    /// <see cref="ExemptionSuppressor"/> suppresses it with the reason and a SARIF log keeps it for an auditor.
    /// </summary>
    internal sealed class Exemption
    {
        /// <summary>The reason (what the audit summary and a reviewer read).</summary>
        public const string ReasonProperty = "OrgScope.ExemptionReason";

        /// <summary><c>comment</c>, <c>sql-comment</c> or <c>attribute</c>.</summary>
        public const string SourceProperty = "OrgScope.ExemptionSource";

        /// <summary>The marker as matched: <c>orgscope: cross-org</c>, <c>xtenant:</c>, <c>[AllowCrossOrg]</c>.</summary>
        public const string MarkerProperty = "OrgScope.ExemptionMarker";

        private Exemption(MarkerKind? kind, string reason, string source, string marker, Location location)
        {
            Kind = kind;
            Reason = reason;
            Source = source;
            Marker = marker;
            Location = location;
        }

        /// <summary>What was reviewed; null for [AllowCrossOrg], which exempts every rule.</summary>
        public MarkerKind? Kind { get; }

        public string Reason { get; }

        public string Source { get; }

        public string Marker { get; }

        public Location Location { get; }

        public static Exemption FromAttribute(string reason, Location location) =>
            new Exemption(null, reason, "attribute", "[AllowCrossOrg]", location);

        public static Exemption FromComment(ExemptionMarker marker, Location location) =>
            new Exemption(marker.Kind, marker.Reason, "comment", marker.Marker, location);

        public static Exemption FromSqlComment(ExemptionMarker marker, Location location) =>
            new Exemption(marker.Kind, marker.Reason, "sql-comment", marker.Marker, location);

        /// <summary>Whether a marker of this kind, with a reason, exempts the rule.</summary>
        public static bool Covers(MarkerKind? kind, string ruleId)
        {
            switch (kind)
            {
                case null:
                    return true;
                case MarkerKind.CrossOrg:
                    return ruleId == DiagnosticDescriptors.MissingOrganizationFilter.Id || ruleId == DiagnosticDescriptors.InsertWithoutOrganization.Id
                        || ruleId == DiagnosticDescriptors.BypassableFilter.Id || ruleId == DiagnosticDescriptors.UnresolvedSql.Id;
                case MarkerKind.SchemaProbe:
                    return ruleId == DiagnosticDescriptors.SchemaProbe.Id;
                default:
                    return false;
            }
        }

        /// <summary>The finding's diagnostic, exempt: reason, source and marker as properties, the marker as an additional location.</summary>
        public Diagnostic Apply(DiagnosticDescriptor descriptor, Location location, params object?[] messageArgs) =>
            Apply(descriptor, location, ImmutableDictionary<string, string?>.Empty, messageArgs);

        /// <summary>As <see cref="Apply(DiagnosticDescriptor, Location, object[])"/>, keeping the finding's own <paramref name="properties"/> (its site).</summary>
        public Diagnostic Apply(DiagnosticDescriptor descriptor, Location location, ImmutableDictionary<string, string?> properties, params object?[] messageArgs)
        {
            properties = properties
                .SetItem(ReasonProperty, Reason)
                .SetItem(SourceProperty, Source)
                .SetItem(MarkerProperty, Marker);
            var additional = Location.IsInSource ? new[] { Location } : null;
            return Diagnostic.Create(descriptor, location, additional, properties, messageArgs);
        }
    }
}
