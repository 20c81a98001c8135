using System.Collections.Generic;
using OrgScope.Analyzers.Sql;

namespace OrgScope.Analyzers.Exemptions
{
    /// <summary>A marker inside SQL: <c>-- orgscope: cross-org reason</c>, <c># ...</c> or <c>/* ... */</c>, with its SQL offsets.</summary>
    internal sealed class SqlMarker
    {
        public SqlMarker(ExemptionMarker marker, int start, int end, int statement)
        {
            Marker = marker;
            Start = start;
            End = end;
            Statement = statement;
        }

        public ExemptionMarker Marker { get; }

        /// <summary>The comment's span in the SQL text, opener and closer included.</summary>
        public int Start { get; }

        public int End { get; }

        /// <summary>Which statement of the text it covers (0-based; statements are separated by <c>;</c>).</summary>
        public int Statement { get; }
    }

    /// <summary>
    /// The markers written inside one SQL text. A marker covers the statement it is in; one after the last <c>;</c>
    /// with no statement following covers the statement before it (<c>DELETE ...; -- orgscope: cross-org purge</c>).
    /// Comments are what the lexer skips, so only the gaps between tokens are searched (never a string's content).
    /// </summary>
    internal sealed class SqlMarkers
    {
        public static readonly SqlMarkers None = new SqlMarkers(new List<SqlMarker>(), new List<int>());

        private readonly List<int> _separators;

        private SqlMarkers(List<SqlMarker> markers, List<int> separators)
        {
            Markers = markers;
            _separators = separators;
        }

        public IReadOnlyList<SqlMarker> Markers { get; }

        public static SqlMarkers Scan(string sql, IReadOnlyList<string> teamMarkers)
        {
            if (!ExemptionMarker.MayContainMarker(sql, teamMarkers))
            {
                return None;
            }

            var tokens = SqlLexer.Lex(sql).Tokens;
            var separators = new List<int>();
            var found = new List<(ExemptionMarker Marker, int Start, int End, int TokenIndex)>();
            var gapStart = 0;
            for (var t = 0; t < tokens.Count; t++)
            {
                var token = tokens[t];
                ScanGap(sql, gapStart, token.Start, teamMarkers, t, found);
                if (token.IsSymbol(";"))
                {
                    separators.Add(token.Start);
                }

                gapStart = token.End;
            }

            var markers = new List<SqlMarker>(found.Count);
            foreach (var (marker, start, end, tokenIndex) in found)
            {
                var statement = CountBefore(separators, start);
                if (statement > 0 && !StatementFollows(tokens, tokenIndex))
                {
                    statement--;
                }

                markers.Add(new SqlMarker(marker, start, end, statement));
            }

            return new SqlMarkers(markers, separators);
        }

        /// <summary>The statement index of a SQL offset (a finding's start).</summary>
        public int StatementOf(int offset) => CountBefore(_separators, offset);

        private static int CountBefore(List<int> separators, int offset)
        {
            var count = 0;
            while (count < separators.Count && separators[count] < offset)
            {
                count++;
            }

            return count;
        }

        /// <summary>Whether the token after the comment starts a statement (not a <c>;</c>, not the end).</summary>
        private static bool StatementFollows(IReadOnlyList<SqlToken> tokens, int nextTokenIndex)
        {
            var next = tokens[nextTokenIndex];
            return next.Kind != SqlTokenKind.End && !next.IsSymbol(";");
        }

        /// <summary>The text between two tokens holds only whitespace and comments.</summary>
        private static void ScanGap(string sql, int start, int end, IReadOnlyList<string> teamMarkers, int nextToken, List<(ExemptionMarker, int, int, int)> found)
        {
            var i = start;
            while (i < end)
            {
                var c = sql[i];
                int bodyStart;
                int bodyEnd;
                int commentEnd;
                if (c == '#' || (c == '-' && i + 1 < end && sql[i + 1] == '-'))
                {
                    bodyStart = i + (c == '#' ? 1 : 2);
                    var newline = sql.IndexOf('\n', bodyStart, end - bodyStart);
                    bodyEnd = newline < 0 ? end : newline;
                    commentEnd = bodyEnd;
                }
                else if (c == '/' && i + 1 < end && sql[i + 1] == '*' && (i + 2 >= end || sql[i + 2] != '!'))
                {
                    bodyStart = i + 2;
                    var close = sql.IndexOf("*/", bodyStart, end - bodyStart, System.StringComparison.Ordinal);
                    bodyEnd = close < 0 ? end : close;
                    commentEnd = close < 0 ? end : close + 2;
                }
                else
                {
                    i++;
                    continue;
                }

                var marker = ExemptionMarker.Parse(sql.Substring(bodyStart, bodyEnd - bodyStart), teamMarkers);
                if (marker != null)
                {
                    found.Add((marker, i, commentEnd, nextToken));
                }

                i = commentEnd;
            }
        }
    }
}
