using System.Collections.Generic;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>The one entry point of the Roslyn-free SQL layer: text in, findings out.</summary>
    internal static class SqlAnalysis
    {
        /// <summary>Today's strict rules for these tables (no shared ids, no trusted lookups).</summary>
        public static SqlAnalysisResult Analyze(string sql, ScopedTableSet tables, bool detectProbes, bool computeFixes) =>
            Analyze(sql, ScopeSettings.Strict(tables), detectProbes, computeFixes);

        public static SqlAnalysisResult Analyze(string sql, ScopeSettings settings, bool detectProbes, bool computeFixes)
        {
            var parsed = SqlParser.Parse(sql, settings.TablePrefixes);
            var references = new List<ScopedReference>();
            var findings = ScopeChecker.Check(parsed, settings, sql, computeFixes, references);
            if (detectProbes)
            {
                SchemaProbeDetector.Detect(parsed.Lex.Tokens, findings);
            }

            return new SqlAnalysisResult(findings, parsed.Statements.Count, parsed.FailedStatements, parsed.UnresolvedStatements, parsed.HoleTables) { References = references };
        }
    }

    internal sealed class SqlAnalysisResult
    {
        public SqlAnalysisResult(List<SqlFinding> findings, int parsedStatements, int failedStatements, int unresolvedStatements, int holeTables)
        {
            Findings = findings;
            ParsedStatements = parsedStatements;
            FailedStatements = failedStatements;
            UnresolvedStatements = unresolvedStatements;
            HoleTables = holeTables;
        }

        public List<SqlFinding> Findings { get; }

        public int ParsedStatements { get; }

        /// <summary>Statements the parser does not understand (not checked).</summary>
        public int FailedStatements { get; }

        /// <summary>Statements not checked because part of their text could not be resolved from C#.</summary>
        public int UnresolvedStatements { get; }

        /// <summary>Table references named by an unresolved value (not checked).</summary>
        public int HoleTables { get; }

        /// <summary>Every reference to a scoped table, pinned or not (for the audit record ORG007).</summary>
        public List<ScopedReference> References { get; set; } = new List<ScopedReference>();
    }
}
