using System;
using System.Collections.Generic;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>
    /// ORG004: finds run-time schema probes from tokens alone, so a probe is found even in a statement the parser does
    /// not understand: any read of an INFORMATION_SCHEMA view that describes the schema (COLUMNS, TABLES, STATISTICS,
    /// KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS, ROUTINES, ... and any view not known to describe server state), the
    /// SHOW statements that answer the same questions (COLUMNS/FIELDS, INDEX/INDEXES/KEYS, TABLES, TABLE STATUS,
    /// TRIGGERS, CREATE TABLE/VIEW/...), and DESCRIBE/DESC/EXPLAIN of a table.
    /// </summary>
    internal static class SchemaProbeDetector
    {
        /// <summary>
        /// INFORMATION_SCHEMA views about the running server, not the schema (sessions, locks, status, variables,
        /// what the server supports): reading them is monitoring, not a "does organization_id exist yet?" fallback.
        /// Every other view, including ones this list has never heard of, counts as a probe: the safe default.
        /// </summary>
        private static readonly HashSet<string> ServerStateViews = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "PROCESSLIST", "INNODB_TRX", "INNODB_LOCKS", "INNODB_LOCK_WAITS", "INNODB_METRICS", "GLOBAL_STATUS",
            "SESSION_STATUS", "GLOBAL_VARIABLES", "SESSION_VARIABLES", "ENGINES", "PLUGINS", "CHARACTER_SETS",
            "COLLATIONS", "COLLATION_CHARACTER_SET_APPLICABILITY", "KEYWORDS",
        };

        /// <summary>SHOW [FULL|EXTENDED] &lt;word&gt; ... that lists or describes tables.</summary>
        private static readonly HashSet<string> ShowSchemaWords = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "COLUMNS", "FIELDS", "INDEX", "INDEXES", "KEYS", "TABLES", "TRIGGERS",
        };

        /// <summary>SHOW CREATE &lt;word&gt;: the definition of a schema object.</summary>
        private static readonly HashSet<string> ShowCreateObjects = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "TABLE", "VIEW", "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT",
        };

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
                    if (TryStatementProbe(tokens, i, out var probeEnd, out var description))
                    {
                        into.Add(new SqlFinding(SqlRule.SchemaProbe, token.Start, probeEnd, description));
                        continue;
                    }
                }

                if (token.IsIdentifierLike && string.Equals(token.Value, "information_schema", StringComparison.OrdinalIgnoreCase)
                    && i + 2 < tokens.Count && tokens[i + 1].IsSymbol(".") && tokens[i + 2].IsIdentifierLike
                    && !ServerStateViews.Contains(tokens[i + 2].Value))
                {
                    var table = tokens[i + 2].Value.ToUpperInvariant();
                    into.Add(new SqlFinding(SqlRule.SchemaProbe, token.Start, tokens[i + 2].End, "INFORMATION_SCHEMA." + table));
                }
            }
        }

        private static bool TryStatementProbe(IReadOnlyList<SqlToken> tokens, int i, out int end, out string description)
        {
            end = -1;
            description = string.Empty;
            var first = tokens[i];
            if (first.IsWord("SHOW"))
            {
                var j = i + 1;
                if (At(tokens, j).IsWord("FULL") || At(tokens, j).IsWord("EXTENDED"))
                {
                    j++;
                }

                var word = At(tokens, j);
                if (word.Kind == SqlTokenKind.Word && ShowSchemaWords.Contains(word.Value))
                {
                    end = word.End;
                }
                else if (word.IsWord("TABLE") && At(tokens, j + 1).IsWord("STATUS"))
                {
                    end = At(tokens, j + 1).End;
                }
                else if (word.IsWord("CREATE") && At(tokens, j + 1).Kind == SqlTokenKind.Word && ShowCreateObjects.Contains(At(tokens, j + 1).Value))
                {
                    end = At(tokens, j + 1).End;
                }
                else
                {
                    return false;
                }

                // "SHOW FULL COLUMNS" reads "SHOW COLUMNS", "SHOW CREATE TABLE" and "SHOW TABLE STATUS" read as written.
                description = "SHOW";
                for (var k = j; k < tokens.Count && tokens[k].Start < end; k++)
                {
                    description += " " + tokens[k].Value.ToUpperInvariant();
                }

                return true;
            }

            if (first.IsWord("DESCRIBE") || first.IsWord("DESC") || first.IsWord("EXPLAIN"))
            {
                // EXPLAIN SELECT ... explains a query; EXPLAIN tbl describes a table.
                var next = At(tokens, i + 1);
                if (next.IsIdentifierLike && !IsStatementKeyword(next))
                {
                    end = first.End;
                    description = first.Value.ToUpperInvariant();
                    return true;
                }
            }

            return false;
        }

        private static SqlToken At(IReadOnlyList<SqlToken> tokens, int i) => tokens[Math.Min(i, tokens.Count - 1)];

        private static bool IsStatementKeyword(SqlToken token) =>
            token.IsWord("SELECT") || token.IsWord("UPDATE") || token.IsWord("DELETE") || token.IsWord("INSERT")
            || token.IsWord("REPLACE") || token.IsWord("TABLE") || token.IsWord("WITH") || token.IsWord("FORMAT")
            || token.IsWord("ANALYZE") || token.IsWord("EXTENDED") || token.IsWord("PARTITIONS") || token.IsWord("FOR");
    }
}
