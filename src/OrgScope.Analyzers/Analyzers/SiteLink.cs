using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using OrgScope.Shared;

namespace OrgScope.Analyzers.Analyzers
{
    /// <summary>
    /// A finding's link to its SQL site. The squiggle sits on the table inside the literal, and when that literal is a
    /// local or constant declared above the sink (`var sql = "..."; new MySqlCommand(sql, conn)`), the finding lies
    /// outside the site's span: an audit, which otherwise attaches findings to the site whose span holds them, would
    /// count the site as unpinned without a finding and the finding (or its exemption) as belonging to no site.
    /// </summary>
    internal static class SiteLink
    {
        /// <summary>The <see cref="AuditPropertyNames.Site"/> property when <paramref name="finding"/> lies outside <paramref name="site"/> in the same file; else none.</summary>
        public static ImmutableDictionary<string, string?> Of(Location finding, Location site)
        {
            var none = ImmutableDictionary<string, string?>.Empty;
            if (!site.IsInSource || finding.SourceTree != site.SourceTree || site.SourceSpan.Contains(finding.SourceSpan))
            {
                return none;
            }

            var span = site.GetLineSpan();
            return none.Add(AuditPropertyNames.Site, string.Format(
                CultureInfo.InvariantCulture,
                "{0},{1},{2},{3}",
                span.StartLinePosition.Line + 1,
                span.StartLinePosition.Character + 1,
                span.EndLinePosition.Line + 1,
                span.EndLinePosition.Character + 1));
        }
    }
}
