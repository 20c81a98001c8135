using System;
using System.Collections.Generic;
using System.Text;

namespace OrgScope.Analyzers.Exemptions
{
    /// <summary>What a marker says was reviewed, and so which rules it exempts.</summary>
    internal enum MarkerKind
    {
        /// <summary><c>orgscope: cross-org</c> or a team's own marker: ORG001, ORG002, ORG003 and ORG005.</summary>
        CrossOrg,

        /// <summary><c>orgscope: schema-probe</c>: ORG004.</summary>
        SchemaProbe,

        /// <summary><c>orgscope: something-else</c>: a typo or a guess; exempts nothing (ORG006).</summary>
        Unknown,
    }

    /// <summary>A marker found in a comment: what it is, the marker as written, and its reason (empty: none).</summary>
    internal sealed class ExemptionMarker
    {
        public const string Prefix = "orgscope:";
        public const string CrossOrgWord = "cross-org";
        public const string SchemaProbeWord = "schema-probe";

        private static readonly char[] ReasonSeparators = { ':', '-', '\u2013', '\u2014', '=', ' ', '\t' };

        private ExemptionMarker(MarkerKind kind, string marker, string reason)
        {
            Kind = kind;
            Marker = marker;
            Reason = reason;
        }

        public MarkerKind Kind { get; }

        /// <summary>The marker as the team writes it: <c>orgscope: cross-org</c>, <c>xtenant:</c>.</summary>
        public string Marker { get; }

        /// <summary>Why the statement may do what the rule forbids; empty when the marker gives none.</summary>
        public string Reason { get; }

        public bool HasReason => Reason.Length > 0;

        /// <summary>
        /// Reads a comment's text (without <c>//</c>, <c>--</c>, <c>#</c> or <c>/* */</c>): a marker only when the text
        /// starts with one (after whitespace); <c>// see orgscope: cross-org</c> is prose, not a marker.
        /// </summary>
        public static ExemptionMarker? Parse(string commentBody, IReadOnlyList<string> teamMarkers)
        {
            var text = commentBody.TrimStart();
            if (StartsWithWord(text, Prefix))
            {
                var rest = text.Substring(Prefix.Length).TrimStart();
                var wordEnd = 0;
                while (wordEnd < rest.Length && !char.IsWhiteSpace(rest[wordEnd]) && rest[wordEnd] != ':')
                {
                    wordEnd++;
                }

                var word = rest.Substring(0, wordEnd);
                var kind = string.Equals(word, CrossOrgWord, StringComparison.OrdinalIgnoreCase) ? MarkerKind.CrossOrg
                    : string.Equals(word, SchemaProbeWord, StringComparison.OrdinalIgnoreCase) ? MarkerKind.SchemaProbe
                    : MarkerKind.Unknown;
                return new ExemptionMarker(kind, Prefix + " " + word, ReasonOf(rest.Substring(wordEnd)));
            }

            foreach (var marker in teamMarkers)
            {
                if (StartsWithWord(text, marker))
                {
                    return new ExemptionMarker(MarkerKind.CrossOrg, marker, ReasonOf(text.Substring(marker.Length)));
                }
            }

            return null;
        }

        /// <summary>True when <paramref name="text"/> may hold a marker at all: the cheap test before any parsing.</summary>
        public static bool MayContainMarker(string text, IReadOnlyList<string> teamMarkers)
        {
            if (text.IndexOf(Prefix, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            foreach (var marker in teamMarkers)
            {
                if (text.IndexOf(marker, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Parses <c>orgscope.cross_org_markers = xtenant:, cross-tenant:</c> (commas or semicolons).</summary>
        public static IReadOnlyList<string> ParseTeamMarkers(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return Array.Empty<string>();
            }

            var markers = new List<string>();
            foreach (var part in value!.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var marker = part.Trim();
                if (marker.Length > 0 && !marker.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && !markers.Contains(marker))
                {
                    markers.Add(marker);
                }
            }

            return markers;
        }

        /// <summary>A marker that ends in a letter or digit must not run on into a longer word (<c>xtenant</c> vs <c>xtenants</c>).</summary>
        private static bool StartsWithWord(string text, string marker)
        {
            if (marker.Length == 0 || !text.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            return !char.IsLetterOrDigit(marker[marker.Length - 1]) || text.Length == marker.Length || !char.IsLetterOrDigit(text[marker.Length]);
        }

        /// <summary>
        /// The reason: the rest of the comment, separators in front dropped, a block comment's leading <c>*</c> on
        /// each line dropped, whitespace runs collapsed to one space.
        /// </summary>
        private static string ReasonOf(string rest)
        {
            var builder = new StringBuilder(rest.Length);
            var lines = rest.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (i > 0 && line.StartsWith("*", StringComparison.Ordinal))
                {
                    line = line.Substring(1);
                }

                builder.Append(line).Append(' ');
            }

            var joined = builder.ToString().TrimStart(ReasonSeparators).Trim();
            builder.Clear();
            var space = false;
            foreach (var c in joined)
            {
                if (char.IsWhiteSpace(c))
                {
                    space = true;
                    continue;
                }

                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                builder.Append(c);
            }

            return builder.ToString();
        }
    }
}
