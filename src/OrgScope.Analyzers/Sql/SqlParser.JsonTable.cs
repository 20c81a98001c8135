namespace OrgScope.Analyzers.Sql
{
    internal sealed partial class SqlParser
    {
        /// <summary>
        /// <c>JSON_TABLE(expr, path COLUMNS (...)) [AS] alias</c> in FROM or JOIN: rows built from a JSON value. It reads
        /// no stored table, so it is never a scoped table; its expression may read one through a subquery.
        /// </summary>
        private JsonTable ParseJsonTable()
        {
            ExpectWord("JSON_TABLE");
            ExpectSymbol("(");
            var json = ParseExpr();
            ExpectSymbol(",");

            // MySQL takes only a string literal as the path; a hole may stand for one.
            if (Current.Kind != SqlTokenKind.String && Current.Kind != SqlTokenKind.Hole)
            {
                throw new SqlParseException();
            }

            _pos++;
            ExpectWord("COLUMNS");

            // Column definitions hold names, types, JSON paths, string defaults (ON EMPTY / ON ERROR) and NESTED
            // PATH lists: nothing that reads a table, so the list is skipped as a whole.
            SkipParenthesized();
            ExpectSymbol(")");
            return new JsonTable(json, ParseOptionalAlias());
        }
    }
}
