using System.Collections.Generic;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>
    /// ORG004: finds run-time schema probes from tokens alone (INFORMATION_SCHEMA.COLUMNS/TABLES/STATISTICS,
    /// SHOW [FULL] COLUMNS/FIELDS, SHOW INDEX/INDEXES/KEYS, DESCRIBE/DESC/EXPLAIN table), so a probe is found
    /// even in a statement the parser does not understand.
    /// </summary>
    internal static class SchemaProbeDetector
    {
        public static void Detect(IReadOnlyList<SqlToken> tokens, List<SqlFinding> into)
        {
            var statementStart = true;
            for (var i = 0; i < tokens.Count; i++)
            {
                var token = tokens[i];
                if (token.Kind == SqlTokenKind.End)
                {
                    break;
                }

                if (token.IsSymbol(";"))
                {
                    statementStart = true;
                    continue;
                }

                if (statementStart)
                {
                    statementStart = false;
                    var probeEnd = StatementProbeEnd(tokens, i);
                    if (probeEnd >= 0)
                    {
                        into.Add(new SqlFinding(SqlRule.SchemaProbe, token.Start, probeEnd, Describe(tokens, i)));
                        continue;
                    }
                }

                if (token.IsIdentifierLike && string.Equals(token.Value, "information_schema", System.StringComparison.OrdinalIgnoreCase)
                    && i + 2 < tokens.Count && tokens[i + 1].IsSymbol(".") && tokens[i + 2].IsIdentifierLike)
                {
                    var table = tokens[i + 2].Value.ToUpperInvariant();
                    if (table == "COLUMNS" || table == "TABLES" || table == "STATISTICS")
                    {
                        into.Add(new SqlFinding(SqlRule.SchemaProbe, token.Start, tokens[i + 2].End, "INFORMATION_SCHEMA." + table));
                    }
                }
            }
        }

        private static int StatementProbeEnd(IReadOnlyList<SqlToken> tokens, int i)
        {
            var first = tokens[i];
            if (first.IsWord("SHOW"))
            {
                var j = i + 1;
                if (j < tokens.Count && (tokens[j].IsWord("FULL") || tokens[j].IsWord("EXTENDED")))
                {
                    j++;
                }

                if (j < tokens.Count && (tokens[j].IsWord("COLUMNS") || tokens[j].IsWord("FIELDS") || tokens[j].IsWord("INDEX")
                    || tokens[j].IsWord("INDEXES") || tokens[j].IsWord("KEYS")))
                {
                    return tokens[j].End;
                }

                return -1;
            }

            if (first.IsWord("DESCRIBE") || first.IsWord("DESC") || first.IsWord("EXPLAIN"))
            {
                // EXPLAIN SELECT ... explains a query; EXPLAIN tbl describes a table.
                var next = i + 1 < tokens.Count ? tokens[i + 1] : default;
                if (next.IsIdentifierLike && !IsStatementKeyword(next))
                {
                    return first.End;
                }
            }

            return -1;
        }

        private static bool IsStatementKeyword(SqlToken token) =>
            token.IsWord("SELECT") || token.IsWord("UPDATE") || token.IsWord("DELETE") || token.IsWord("INSERT")
            || token.IsWord("REPLACE") || token.IsWord("TABLE") || token.IsWord("WITH") || token.IsWord("FORMAT")
            || token.IsWord("ANALYZE") || token.IsWord("EXTENDED") || token.IsWord("PARTITIONS") || token.IsWord("FOR");

        private static string Describe(IReadOnlyList<SqlToken> tokens, int i)
        {
            var first = tokens[i];
            if (first.IsWord("SHOW"))
            {
                var j = i + 1;
                if (tokens[j].IsWord("FULL") || tokens[j].IsWord("EXTENDED"))
                {
                    j++;
                }

                return "SHOW " + tokens[j].Value.ToUpperInvariant();
            }

            return first.Value.ToUpperInvariant();
        }
    }
}
