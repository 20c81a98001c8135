using System.Collections.Generic;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>The one entry point of the Roslyn-free SQL layer: text in, findings out.</summary>
    internal static class SqlAnalysis
    {
        public static SqlAnalysisResult Analyze(string sql, ScopedTableSet tables, bool detectProbes, bool computeFixes)
        {
            var parsed = SqlParser.Parse(sql);
            var findings = ScopeChecker.Check(parsed, tables, sql, computeFixes);
            if (detectProbes)
            {
                SchemaProbeDetector.Detect(parsed.Lex.Tokens, findings);
            }

            return new SqlAnalysisResult(findings, parsed.Statements.Count, parsed.FailedStatements);
        }
    }

    internal sealed class SqlAnalysisResult
    {
        public SqlAnalysisResult(List<SqlFinding> findings, int parsedStatements, int failedStatements)
        {
            Findings = findings;
            ParsedStatements = parsedStatements;
            FailedStatements = failedStatements;
        }

        public List<SqlFinding> Findings { get; }

        public int ParsedStatements { get; }

        public int FailedStatements { get; }
    }
}
