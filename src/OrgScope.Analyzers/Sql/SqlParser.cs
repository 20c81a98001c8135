using System;
using System.Collections.Generic;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>
    /// A recursive-descent parser for the MySQL statement shapes the checker judges: SELECT (joins, subqueries,
    /// derived tables, CTEs, UNION), UPDATE (multi-table), DELETE (multi-table), INSERT/REPLACE, with Dapper's list
    /// expansion <c>IN @ids</c> (the lexer reads {=name}, ?name? and EF Core's {0} as parameters). A statement it
    /// cannot parse is dropped (the checker says nothing about it); the parser never throws to its caller.
    /// MySQL forms with their own grammar live beside it: SqlParser.FullTextSearch, .Position, .JsonTable.
    /// </summary>
    internal sealed partial class SqlParser
    {
        private const int MaxDepth = 120;

        private static readonly HashSet<string> Reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "SELECT", "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "UNION", "EXCEPT", "INTERSECT",
            "JOIN", "INNER", "LEFT", "RIGHT", "OUTER", "CROSS", "NATURAL", "STRAIGHT_JOIN", "ON", "USING", "AS",
            "AND", "OR", "XOR", "NOT", "IN", "IS", "LIKE", "BETWEEN", "REGEXP", "RLIKE", "SET", "VALUES",
            "INTO", "UPDATE", "DELETE", "INSERT", "REPLACE", "WITH", "WINDOW", "FOR", "LOCK", "THEN", "WHEN", "ELSE",
            "END", "CASE", "KEY", "DIV", "MOD", "USE", "FORCE", "IGNORE", "PARTITION",
            "LATERAL", "COLLATE", "ALL", "ANY", "SOME", "EXISTS", "DISTINCT", "BY", "ASC", "DESC",
        };

        private readonly IReadOnlyList<SqlToken> _tokens;
        private int _pos;
        private int _depth;
        private int _holeTables;
        private int _predicateHoles;

        private readonly IReadOnlyList<string> _tablePrefixes;

        private SqlParser(IReadOnlyList<SqlToken> tokens, IReadOnlyList<string> tablePrefixes)
        {
            _tokens = tokens;
            _tablePrefixes = tablePrefixes;
        }

        /// <summary>Parses every statement; unparseable ones are skipped and counted.</summary>
        public static SqlParseResult Parse(string sql) => Parse(sql, Array.Empty<string>());

        /// <summary>
        /// Parses every statement; a table name glued to an unknown value (<c>{prefix}Posts</c>) takes the first of
        /// <paramref name="tablePrefixes"/> (<c>orgscope.table_prefixes</c>), else it is an unknown table.
        /// </summary>
        public static SqlParseResult Parse(string sql, IReadOnlyList<string> tablePrefixes)
        {
            var lex = SqlLexer.Lex(sql);
            var statements = new List<SqlStatement>();
            if (!lex.IsComplete)
            {
                return new SqlParseResult(lex, statements, failedStatements: 1, unresolvedStatements: 0, holeTables: 0);
            }

            var parser = new SqlParser(lex.Tokens, tablePrefixes);
            var failed = 0;
            var unresolved = 0;
            while (parser.Current.Kind != SqlTokenKind.End)
            {
                if (parser.Current.IsSymbol(";"))
                {
                    parser._pos++;
                    continue;
                }

                var start = parser._pos;
                try
                {
                    parser._depth = 0;
                    if (parser.Current.Kind == SqlTokenKind.Hole)
                    {
                        // The statement's start came from C# the resolver could not follow: what it does is unknown.
                        throw new SqlParseException();
                    }

                    var statement = parser.ParseStatement();
                    if (!parser.Current.IsSymbol(";") && parser.Current.Kind != SqlTokenKind.End)
                    {
                        throw new SqlParseException();
                    }

                    statements.Add(statement);
                }
                catch (SqlParseException)
                {
                    // Unresolved when the parser stopped at (or just after) a part C# could not resolve; a statement that
                    // stops on its own text (SQL Server's [Key] in a provider's other dialect) is unparsed, holes elsewhere
                    // in it notwithstanding.
                    var stoppedAt = parser._pos;
                    parser._pos = Math.Max(parser._pos, start + 1);
                    parser.SkipToStatementEnd();
                    if (parser.HasHole(Math.Max(start, stoppedAt - 1), Math.Min(stoppedAt + 1, parser._pos)))
                    {
                        unresolved++;
                    }
                    else
                    {
                        failed++;
                    }
                }
            }

            return new SqlParseResult(lex, statements, failed, unresolved, parser._holeTables) { PredicateHoles = parser._predicateHoles };
        }

        private bool HasHole(int from, int to)
        {
            for (var i = from; i < to && i < _tokens.Count; i++)
            {
                if (_tokens[i].Kind == SqlTokenKind.Hole)
                {
                    return true;
                }
            }

            return false;
        }

        private SqlToken Current => _tokens[_pos];

        private SqlToken Peek(int offset = 1) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

        private int PreviousEnd => _pos > 0 ? _tokens[_pos - 1].End : 0;

        private void SkipToStatementEnd()
        {
            while (Current.Kind != SqlTokenKind.End && !Current.IsSymbol(";"))
            {
                _pos++;
            }
        }

        private bool AcceptWord(string word)
        {
            if (Current.IsWord(word))
            {
                _pos++;
                return true;
            }

            return false;
        }

        private bool AcceptSymbol(string symbol)
        {
            if (Current.IsSymbol(symbol))
            {
                _pos++;
                return true;
            }

            return false;
        }

        private void ExpectWord(string word)
        {
            if (!AcceptWord(word))
            {
                throw new SqlParseException();
            }
        }

        private void ExpectSymbol(string symbol)
        {
            if (!AcceptSymbol(symbol))
            {
                throw new SqlParseException();
            }
        }

        private void Enter()
        {
            if (++_depth > MaxDepth)
            {
                throw new SqlParseException();
            }
        }

        private void Leave() => _depth--;

        // ---------------------------------------------------------------- statements

        private SqlStatement ParseStatement()
        {
            var with = new List<CommonTableExpression>();
            if (Current.IsWord("WITH"))
            {
                with = ParseWith();
            }

            SqlStatement statement;
            if (Current.IsWord("SELECT") || Current.IsSymbol("(") || Current.IsWord("TABLE") || (Current.IsWord("VALUES") && with.Count > 0))
            {
                statement = new SelectStatement(ParseQueryExpression());
            }
            else if (Current.IsWord("UPDATE"))
            {
                statement = ParseUpdate();
            }
            else if (Current.IsWord("DELETE"))
            {
                statement = ParseDelete();
            }
            else if (Current.IsWord("INSERT") || Current.IsWord("REPLACE"))
            {
                statement = ParseInsert();
            }
            else if (with.Count > 0)
            {
                throw new SqlParseException();
            }
            else
            {
                SkipToStatementEnd();
                return new OtherStatement();
            }

            statement.With.AddRange(with);
            return statement;
        }

        private List<CommonTableExpression> ParseWith()
        {
            ExpectWord("WITH");
            AcceptWord("RECURSIVE");
            var ctes = new List<CommonTableExpression>();
            do
            {
                var name = ExpectIdentifier();
                if (Current.IsSymbol("("))
                {
                    SkipParenthesized();
                }

                ExpectWord("AS");
                ExpectSymbol("(");
                var query = ParseQueryExpression();
                ExpectSymbol(")");
                ctes.Add(new CommonTableExpression(name, query));
            }
            while (AcceptSymbol(","));

            return ctes;
        }

        private ModifyStatement ParseUpdate()
        {
            ExpectWord("UPDATE");
            while (AcceptWord("LOW_PRIORITY") || AcceptWord("IGNORE"))
            {
            }

            var sources = ParseTableReferences();
            ExpectWord("SET");
            var other = new List<Expr>();
            ParseAssignments(other, null);
            var endOfSet = PreviousEnd;
            Expr? where = null;
            if (AcceptWord("WHERE"))
            {
                where = ParseCondition();
            }

            ParseOrderByAndLimit(other);
            return new ModifyStatement(false, sources, where, other, endOfSet) { EndOfSet = endOfSet };
        }

        private ModifyStatement ParseDelete()
        {
            ExpectWord("DELETE");
            while (AcceptWord("LOW_PRIORITY") || AcceptWord("QUICK") || AcceptWord("IGNORE"))
            {
            }

            TableSource sources;
            if (AcceptWord("FROM"))
            {
                var first = ParseTableReferences();
                if (AcceptWord("USING"))
                {
                    // DELETE FROM t1, t2 USING <table references>: the USING part names the rows read.
                    sources = ParseTableReferences();
                }
                else
                {
                    sources = first;
                }
            }
            else
            {
                // DELETE t1, t2 FROM <table references>.
                do
                {
                    ExpectIdentifier();
                    if (AcceptSymbol("."))
                    {
                        if (!AcceptSymbol("*"))
                        {
                            ExpectIdentifier();
                            if (AcceptSymbol("."))
                            {
                                ExpectSymbol("*");
                            }
                        }
                    }
                }
                while (AcceptSymbol(","));
                ExpectWord("FROM");
                sources = ParseTableReferences();
            }

            var endOfSources = PreviousEnd;
            Expr? where = null;
            if (AcceptWord("WHERE"))
            {
                where = ParseCondition();
            }

            var other = new List<Expr>();
            ParseOrderByAndLimit(other);
            return new ModifyStatement(true, sources, where, other, endOfSources);
        }

        private InsertStatement ParseInsert()
        {
            var isReplace = Current.IsWord("REPLACE");
            _pos++;
            while (AcceptWord("LOW_PRIORITY") || AcceptWord("DELAYED") || AcceptWord("HIGH_PRIORITY") || AcceptWord("IGNORE"))
            {
            }

            AcceptWord("INTO");
            var target = ParseTableName(allowAlias: false);
            var insert = new InsertStatement(target) { IsReplace = isReplace };
            if (AcceptWord("PARTITION"))
            {
                SkipParenthesized();
            }

            // A column list, unless the parenthesis opens a query: INSERT INTO t (SELECT ...).
            if (Current.IsSymbol("(") && !StartsQuery(1))
            {
                _pos++;
                var columns = new List<string>();
                if (!Current.IsSymbol(")"))
                {
                    do
                    {
                        var column = ExpectIdentifier();
                        while (AcceptSymbol("."))
                        {
                            column = ExpectIdentifier();
                        }

                        columns.Add(column);
                    }
                    while (AcceptSymbol(","));
                }

                insert.ColumnListClose = Current.Start;
                ExpectSymbol(")");
                insert.Columns = columns;
            }

            if (Current.IsWord("VALUES") || Current.IsWord("VALUE"))
            {
                _pos++;
                do
                {
                    AcceptWord("ROW");
                    ExpectSymbol("(");
                    if (!Current.IsSymbol(")"))
                    {
                        do
                        {
                            insert.OtherExpressions.Add(ParseExpr());
                        }
                        while (AcceptSymbol(","));
                    }

                    insert.ValueRowCloses.Add(Current.Start);
                    ExpectSymbol(")");
                }
                while (AcceptSymbol(","));
            }
            else if (AcceptWord("SET"))
            {
                insert.SetColumns = new List<string>();
                ParseAssignments(insert.OtherExpressions, insert.SetColumns);
                insert.EndOfSet = PreviousEnd;
            }
            else if (Current.IsWord("SELECT") || Current.IsWord("WITH") || Current.IsSymbol("(") || Current.IsWord("TABLE"))
            {
                insert.Select = ParseQueryExpression();
            }
            else
            {
                throw new SqlParseException();
            }

            if (AcceptWord("AS"))
            {
                ExpectIdentifier();
                if (Current.IsSymbol("("))
                {
                    SkipParenthesized();
                }
            }

            if (AcceptWord("ON"))
            {
                ExpectWord("DUPLICATE");
                ExpectWord("KEY");
                ExpectWord("UPDATE");
                ParseAssignments(insert.OtherExpressions, null);
            }

            return insert;
        }

        private void ParseAssignments(List<Expr> values, List<string>? columns)
        {
            do
            {
                var column = ExpectIdentifier();
                while (AcceptSymbol("."))
                {
                    column = ExpectIdentifier();
                }

                columns?.Add(column);
                if (!AcceptSymbol("=") && !AcceptSymbol(":="))
                {
                    throw new SqlParseException();
                }

                values.Add(ParseExpr());
            }
            while (AcceptSymbol(","));
        }

        private void ParseOrderByAndLimit(List<Expr> into)
        {
            if (AcceptWord("ORDER"))
            {
                ExpectWord("BY");
                ParseOrderList(into);
            }

            if (AcceptWord("LIMIT"))
            {
                into.Add(ParseExpr());
                if (AcceptSymbol(",") || AcceptWord("OFFSET"))
                {
                    into.Add(ParseExpr());
                }
            }
        }

        private void ParseOrderList(List<Expr> into)
        {
            do
            {
                into.Add(ParseExpr());
                if (!AcceptWord("ASC"))
                {
                    AcceptWord("DESC");
                }
            }
            while (AcceptSymbol(","));
        }

        // ---------------------------------------------------------------- queries

        private bool StartsQuery(int offset)
        {
            var i = offset;
            while (Peek(i).IsSymbol("("))
            {
                i++;
            }

            var token = Peek(i);
            return token.IsWord("SELECT") || token.IsWord("WITH") || token.IsWord("TABLE") || token.IsWord("VALUES");
        }

        private QueryExpression ParseQueryExpression()
        {
            Enter();
            var with = Current.IsWord("WITH") ? ParseWith() : new List<CommonTableExpression>();
            var query = new QueryExpression(with, new List<SelectCore>(), new List<Expr>());
            ParseQueryTerm(query);
            while (Current.IsWord("UNION") || Current.IsWord("EXCEPT") || Current.IsWord("INTERSECT"))
            {
                _pos++;
                if (!AcceptWord("ALL"))
                {
                    AcceptWord("DISTINCT");
                }

                ParseQueryTerm(query);
            }

            ParseOrderByAndLimit(query.Trailing);
            SkipLockingClause();
            Leave();
            return query;
        }

        private void ParseQueryTerm(QueryExpression into)
        {
            if (AcceptSymbol("("))
            {
                var inner = ParseQueryExpression();
                ExpectSymbol(")");
                if (inner.With.Count > 0)
                {
                    into.NestedQueries.Add(inner);
                }
                else
                {
                    into.Branches.AddRange(inner.Branches);
                    into.NestedQueries.AddRange(inner.NestedQueries);
                    into.Trailing.AddRange(inner.Trailing);
                }

                return;
            }

            if (AcceptWord("TABLE"))
            {
                // MySQL 8 "TABLE t" reads the whole table: a SELECT * FROM t without a WHERE.
                var core = new SelectCore { From = ParseTableName(allowAlias: false) };
                core.EndOfFrom = -1;
                core.Items.Add(new SelectItem(null, null, true, null));
                into.Branches.Add(core);
                ParseOrderByAndLimit(into.Trailing);
                return;
            }

            if (AcceptWord("VALUES"))
            {
                var core = new SelectCore();
                do
                {
                    AcceptWord("ROW");
                    ExpectSymbol("(");
                    do
                    {
                        core.OtherExpressions.Add(ParseExpr());
                    }
                    while (AcceptSymbol(","));
                    ExpectSymbol(")");
                }
                while (AcceptSymbol(","));
                into.Branches.Add(core);
                return;
            }

            into.Branches.Add(ParseSelectCore());
        }

        private SelectCore ParseSelectCore()
        {
            ExpectWord("SELECT");
            var core = new SelectCore();
            while (Current.Kind == SqlTokenKind.Word && IsSelectModifier(Current.Value))
            {
                _pos++;
            }

            do
            {
                core.Items.Add(ParseSelectItem());
            }
            while (AcceptSymbol(","));

            SkipInto();
            if (AcceptWord("FROM"))
            {
                if (AcceptWord("DUAL"))
                {
                    core.EndOfFrom = -1;
                }
                else
                {
                    core.From = ParseTableReferences();
                    core.EndOfFrom = PreviousEnd;
                }
            }

            if (AcceptWord("WHERE"))
            {
                core.Where = ParseCondition();
            }

            if (AcceptWord("GROUP"))
            {
                ExpectWord("BY");
                ParseOrderList(core.OtherExpressions);
                if (AcceptWord("WITH"))
                {
                    ExpectWord("ROLLUP");
                }
            }

            if (AcceptWord("HAVING"))
            {
                core.OtherExpressions.Add(ParseCondition());
            }

            if (AcceptWord("WINDOW"))
            {
                do
                {
                    ExpectIdentifier();
                    ExpectWord("AS");
                    SkipParenthesized();
                }
                while (AcceptSymbol(","));
            }

            // ORDER BY / LIMIT of a lone SELECT belong to the query expression; a branch inside parentheses
            // parses them in its own ParseQueryExpression.
            SkipInto();
            SkipLockingClause();
            return core;
        }

        private static bool IsSelectModifier(string word)
        {
            switch (word.ToUpperInvariant())
            {
                case "ALL":
                case "DISTINCT":
                case "DISTINCTROW":
                case "HIGH_PRIORITY":
                case "STRAIGHT_JOIN":
                case "SQL_SMALL_RESULT":
                case "SQL_BIG_RESULT":
                case "SQL_BUFFER_RESULT":
                case "SQL_NO_CACHE":
                case "SQL_CACHE":
                case "SQL_CALC_FOUND_ROWS":
                    return true;
                default:
                    return false;
            }
        }

        private void SkipInto()
        {
            if (AcceptWord("INTO"))
            {
                // INTO @a, @b / INTO OUTFILE 'x' ...: nothing to check.
                do
                {
                    if (AcceptWord("OUTFILE") || AcceptWord("DUMPFILE"))
                    {
                        _pos++;
                        continue;
                    }

                    _pos++;
                }
                while (AcceptSymbol(","));
            }
        }

        private void SkipLockingClause()
        {
            while (true)
            {
                if (Current.IsWord("FOR") && (Peek().IsWord("UPDATE") || Peek().IsWord("SHARE")))
                {
                    _pos += 2;
                    if (AcceptWord("OF"))
                    {
                        do
                        {
                            ExpectIdentifier();
                        }
                        while (AcceptSymbol(","));
                    }

                    if (AcceptWord("SKIP"))
                    {
                        ExpectWord("LOCKED");
                    }

                    AcceptWord("NOWAIT");
                    continue;
                }

                if (Current.IsWord("LOCK") && Peek().IsWord("IN"))
                {
                    _pos += 2;
                    ExpectWord("SHARE");
                    ExpectWord("MODE");
                    continue;
                }

                return;
            }
        }

        private SelectItem ParseSelectItem()
        {
            if (AcceptSymbol("*"))
            {
                return new SelectItem(null, null, true, null);
            }

            // t.* and db.t.*
            if (Current.IsIdentifierLike && Peek().IsSymbol("."))
            {
                if (Peek(2).IsSymbol("*"))
                {
                    var qualifier = Current.Value;
                    _pos += 3;
                    return new SelectItem(null, null, true, qualifier);
                }

                if (Peek(2).IsIdentifierLike && Peek(3).IsSymbol(".") && Peek(4).IsSymbol("*"))
                {
                    var qualifier = Peek(2).Value;
                    _pos += 5;
                    return new SelectItem(null, null, true, qualifier);
                }
            }

            var expr = ParseExpr();
            var alias = ParseOptionalAlias();
            if (alias is null && expr is ColumnExpr column)
            {
                alias = column.Name;
            }

            return new SelectItem(expr, alias, false, null);
        }

        private string? ParseOptionalAlias()
        {
            if (AcceptWord("AS"))
            {
                if (Current.Kind == SqlTokenKind.String)
                {
                    var text = Current.Value;
                    _pos++;
                    return text.Length >= 2 ? text.Substring(1, text.Length - 2) : text;
                }

                return ExpectIdentifier();
            }

            if (Current.Kind == SqlTokenKind.QuotedIdentifier || (Current.Kind == SqlTokenKind.Word && !Reserved.Contains(Current.Value)))
            {
                var name = Current.Value;
                _pos++;
                return name;
            }

            if (Current.Kind == SqlTokenKind.String)
            {
                var text = Current.Value;
                _pos++;
                return text.Length >= 2 ? text.Substring(1, text.Length - 2) : text;
            }

            return null;
        }

        // ---------------------------------------------------------------- table references

        private TableSource ParseTableReferences()
        {
            var left = ParseJoinedTable();
            while (AcceptSymbol(","))
            {
                var right = ParseJoinedTable();
                left = new JoinSource(left, right, JoinKind.Inner, null, null, -1);
            }

            return left;
        }

        private TableSource ParseJoinedTable()
        {
            Enter();
            var left = ParseTableFactor();
            while (true)
            {
                JoinKind kind;
                var natural = false;
                if (Current.IsWord("JOIN") || Current.IsWord("STRAIGHT_JOIN"))
                {
                    kind = JoinKind.Inner;
                    _pos++;
                }
                else if ((Current.IsWord("INNER") || Current.IsWord("CROSS")) && Peek().IsWord("JOIN"))
                {
                    kind = JoinKind.Inner;
                    _pos += 2;
                }
                else if (Current.IsWord("LEFT") || Current.IsWord("RIGHT"))
                {
                    kind = Current.IsWord("LEFT") ? JoinKind.Left : JoinKind.Right;
                    _pos++;
                    AcceptWord("OUTER");
                    ExpectWord("JOIN");
                }
                else if (Current.IsWord("NATURAL"))
                {
                    _pos++;
                    natural = true;
                    kind = JoinKind.Natural;
                    if (AcceptWord("LEFT") || AcceptWord("RIGHT"))
                    {
                        AcceptWord("OUTER");
                    }
                    else
                    {
                        AcceptWord("INNER");
                    }

                    ExpectWord("JOIN");
                }
                else
                {
                    break;
                }

                var right = ParseTableFactor();
                Expr? on = null;
                List<string>? usingColumns = null;
                var onEnd = -1;
                if (!natural && AcceptWord("ON"))
                {
                    on = ParseCondition();
                    onEnd = PreviousEnd;
                }
                else if (!natural && AcceptWord("USING"))
                {
                    ExpectSymbol("(");
                    usingColumns = new List<string>();
                    do
                    {
                        usingColumns.Add(ExpectIdentifier());
                    }
                    while (AcceptSymbol(","));
                    ExpectSymbol(")");
                }

                left = new JoinSource(left, right, kind, on, usingColumns, onEnd);
            }

            Leave();
            return left;
        }

        private TableSource ParseTableFactor()
        {
            if (AcceptWord("LATERAL"))
            {
                return ParseDerivedTable();
            }

            if (Current.IsSymbol("("))
            {
                if (StartsQuery(1))
                {
                    return ParseDerivedTable();
                }

                _pos++;
                var inner = ParseTableReferences();
                ExpectSymbol(")");
                return inner;
            }

            if (Current.IsWord("JSON_TABLE"))
            {
                return ParseJsonTable();
            }

            return ParseTableName(allowAlias: true);
        }

        private DerivedTable ParseDerivedTable()
        {
            ExpectSymbol("(");
            var query = ParseQueryExpression();
            ExpectSymbol(")");
            var alias = ParseOptionalAlias();
            if (Current.IsSymbol("("))
            {
                SkipParenthesized();
            }

            return new DerivedTable(query, alias);
        }

        private TableRef ParseTableName(bool allowAlias)
        {
            var start = Current.Start;
            if (Current.Kind == SqlTokenKind.Hole)
            {
                return ParseHoleTableName(null, start, allowAlias);
            }

            var name = ExpectIdentifier();
            string? schema = null;
            if (Current.IsSymbol(".") && Peek().Kind == SqlTokenKind.Hole)
            {
                // db.{table}, `db`.`{table}`: the schema is known, the table is not.
                _pos++;
                return ParseHoleTableName(name, start, allowAlias);
            }

            if (Current.IsSymbol(".") && Peek().IsIdentifierLike)
            {
                _pos++;
                schema = name;
                name = ExpectIdentifier();
            }

            var end = PreviousEnd;
            if (Current.Kind == SqlTokenKind.Hole && Current.Start == end)
            {
                // tasks{suffix}: unknown table.
                throw new SqlParseException();
            }

            string? alias = null;
            if (allowAlias)
            {
                if (AcceptWord("PARTITION"))
                {
                    SkipParenthesized();
                }

                alias = ParseOptionalAlias();
                SkipIndexHints();
            }

            return new TableRef(schema, name, alias, start, end);
        }

        /// <summary>A table named by a hole (the current token), after an optional schema.</summary>
        private TableRef ParseHoleTableName(string? schema, int start, bool allowAlias)
        {
            if (Current.Value != "?" && _tablePrefixes.Count > 0)
            {
                // FROM {prefix}Posts with orgscope.table_prefixes = be_: the table is be_Posts.
                var suffix = Current.Value;
                var nameEnd = Current.End;
                _pos++;
                var prefixed = new TableRef(schema, _tablePrefixes[0] + suffix, allowAlias ? ParseOptionalAlias() : null, start, nameEnd);
                if (allowAlias)
                {
                    SkipIndexHints();
                }

                return prefixed;
            }

            // FROM {table} (or {prefix}Posts with no prefix configured): the table is unknown, so it is neither
            // flagged nor trusted (and the SQL not fully checked).
            _pos++;
            _holeTables++;
            return new TableRef(schema, "\uE000", allowAlias ? ParseOptionalAlias() : null, start, PreviousEnd) { IsHole = true };
        }

        private void SkipIndexHints()
        {
            while ((Current.IsWord("USE") || Current.IsWord("FORCE") || Current.IsWord("IGNORE"))
                   && (Peek().IsWord("INDEX") || Peek().IsWord("KEY")))
            {
                _pos += 2;
                if (AcceptWord("FOR"))
                {
                    if (AcceptWord("ORDER") || AcceptWord("GROUP"))
                    {
                        ExpectWord("BY");
                    }
                    else
                    {
                        ExpectWord("JOIN");
                    }
                }

                SkipParenthesized();
            }
        }

        private string ExpectIdentifier()
        {
            var token = Current;
            if (token.Kind == SqlTokenKind.QuotedIdentifier || (token.Kind == SqlTokenKind.Word && !Reserved.Contains(token.Value)))
            {
                _pos++;
                return token.Value;
            }

            throw new SqlParseException();
        }

        private void SkipParenthesized()
        {
            ExpectSymbol("(");
            var depth = 1;
            while (depth > 0)
            {
                if (Current.Kind == SqlTokenKind.End)
                {
                    throw new SqlParseException();
                }

                if (Current.IsSymbol("("))
                {
                    depth++;
                }
                else if (Current.IsSymbol(")"))
                {
                    depth--;
                }

                _pos++;
            }
        }

        // ---------------------------------------------------------------- expressions

        private Expr ParseExpr()
        {
            Enter();
            var result = ParseOr();
            Leave();
            return result;
        }

        /// <summary>A WHERE, ON or HAVING condition.</summary>
        private Expr ParseCondition() => CountPredicateHole(ParseExpr());

        /// <summary>
        /// A hole standing as a whole condition (<c>WHERE {filter}</c>, <c>AND {more}</c>) is SQL text from C#, not a
        /// value: counted, so a helper whose parameter goes there is followed to its callers' text.
        /// </summary>
        private Expr CountPredicateHole(Expr expr)
        {
            if (expr is ValueExpr { Kind: ValueKind.Hole })
            {
                _predicateHoles++;
            }

            return expr;
        }

        private Expr ParseOr()
        {
            var left = ParseXor();
            while (Current.IsWord("OR") || Current.IsSymbol("||"))
            {
                _pos++;
                CountPredicateHole(left);
                var right = CountPredicateHole(ParseXor());
                left = Span(new BinaryExpr("OR", left, right), left.Start);
            }

            return left;
        }

        private Expr ParseXor()
        {
            var left = ParseAnd();
            while (Current.IsWord("XOR"))
            {
                _pos++;
                CountPredicateHole(left);
                var right = CountPredicateHole(ParseAnd());
                left = Span(new BinaryExpr("XOR", left, right), left.Start);
            }

            return left;
        }

        private Expr ParseAnd()
        {
            var left = ParseNot();
            while (Current.IsWord("AND") || Current.IsSymbol("&&"))
            {
                _pos++;
                CountPredicateHole(left);
                var right = CountPredicateHole(ParseNot());
                left = Span(new BinaryExpr("AND", left, right), left.Start);
            }

            return left;
        }

        private Expr ParseNot()
        {
            var start = Current.Start;
            if (AcceptWord("NOT"))
            {
                Enter();
                var operand = ParseNot();
                Leave();
                return Span(new NotExpr(operand), start);
            }

            return ParsePredicate();
        }

        private Expr ParsePredicate()
        {
            var left = ParseArithmetic();
            while (true)
            {
                var start = left.Start;
                if (Current.Kind == SqlTokenKind.Symbol && IsComparison(Current.Value))
                {
                    var op = Current.Value == "!=" ? "<>" : Current.Value;
                    _pos++;
                    Expr right;
                    if ((Current.IsWord("ANY") || Current.IsWord("ALL") || Current.IsWord("SOME")) && Peek().IsSymbol("("))
                    {
                        _pos++;
                        var subStart = Current.Start;
                        ExpectSymbol("(");
                        var query = ParseQueryExpression();
                        ExpectSymbol(")");
                        right = Span(new SubqueryExpr(query), subStart);
                        left = Span(new OpaqueExpr(new List<Expr> { left, right }), start);
                        continue;
                    }

                    right = ParseArithmetic();
                    left = Span(new BinaryExpr(op, left, right), start);
                    continue;
                }

                var negated = false;
                if (Current.IsWord("NOT") && (Peek().IsWord("IN") || Peek().IsWord("BETWEEN") || Peek().IsWord("LIKE") || Peek().IsWord("REGEXP") || Peek().IsWord("RLIKE")))
                {
                    negated = true;
                    _pos++;
                }

                if (AcceptWord("IN"))
                {
                    if (Current.Kind == SqlTokenKind.Parameter)
                    {
                        // Dapper's list expansion: IN @ids becomes IN (@ids1, @ids2, ...) when the command runs.
                        var list = new List<Expr> { ParsePrimary() };
                        left = Span(new InExpr(left, list, null, negated), start);
                        continue;
                    }

                    ExpectSymbol("(");
                    if (StartsQuery(0))
                    {
                        var query = ParseQueryExpression();
                        ExpectSymbol(")");
                        left = Span(new InExpr(left, null, query, negated), start);
                    }
                    else
                    {
                        var list = new List<Expr>();
                        do
                        {
                            list.Add(ParseExpr());
                        }
                        while (AcceptSymbol(","));
                        ExpectSymbol(")");
                        left = Span(new InExpr(left, list, null, negated), start);
                    }

                    continue;
                }

                if (AcceptWord("BETWEEN"))
                {
                    var low = ParseArithmetic();
                    ExpectWord("AND");
                    var high = ParseArithmetic();
                    left = Span(new OpaqueExpr(new List<Expr> { left, low, high }), start);
                    continue;
                }

                if (AcceptWord("LIKE") || AcceptWord("REGEXP") || AcceptWord("RLIKE") || (Current.IsWord("SOUNDS") && Peek().IsWord("LIKE") && (_pos += 2) > 0))
                {
                    var pattern = ParseArithmetic();
                    var children = new List<Expr> { left, pattern };
                    if (AcceptWord("ESCAPE"))
                    {
                        children.Add(ParseArithmetic());
                    }

                    left = Span(new OpaqueExpr(children), start);
                    continue;
                }

                if (negated)
                {
                    throw new SqlParseException();
                }

                if (AcceptWord("IS"))
                {
                    AcceptWord("NOT");
                    if (!(AcceptWord("NULL") || AcceptWord("TRUE") || AcceptWord("FALSE") || AcceptWord("UNKNOWN")))
                    {
                        throw new SqlParseException();
                    }

                    left = Span(new OpaqueExpr(new List<Expr> { left }), start);
                    continue;
                }

                if (Current.IsWord("MEMBER") && Peek().IsWord("OF"))
                {
                    _pos += 2;
                    ExpectSymbol("(");
                    var json = ParseExpr();
                    ExpectSymbol(")");
                    left = Span(new OpaqueExpr(new List<Expr> { left, json }), start);
                    continue;
                }

                return left;
            }
        }

        private static bool IsComparison(string symbol)
        {
            switch (symbol)
            {
                case "=":
                case "<=>":
                case "<>":
                case "!=":
                case "<":
                case ">":
                case "<=":
                case ">=":
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsArithmetic(SqlToken token)
        {
            if (token.Kind == SqlTokenKind.Symbol)
            {
                switch (token.Value)
                {
                    case "+":
                    case "-":
                    case "*":
                    case "/":
                    case "%":
                    case "|":
                    case "&":
                    case "^":
                    case "<<":
                    case ">>":
                    case "->":
                    case "->>":
                        return true;
                }

                return false;
            }

            return token.IsWord("DIV") || token.IsWord("MOD");
        }

        private Expr ParseArithmetic()
        {
            var left = ParseUnary();
            while (IsArithmetic(Current) || Current.IsWord("COLLATE"))
            {
                var start = left.Start;
                if (AcceptWord("COLLATE"))
                {
                    _pos++;
                    left = Span(new OpaqueExpr(new List<Expr> { left }), start);
                    continue;
                }

                _pos++;
                var right = ParseUnary();
                left = Span(new OpaqueExpr(new List<Expr> { left, right }), start);
            }

            return left;
        }

        private Expr ParseUnary()
        {
            var start = Current.Start;
            if (Current.IsSymbol("-") || Current.IsSymbol("+") || Current.IsSymbol("~"))
            {
                _pos++;
                Enter();
                var operand = ParseUnary();
                Leave();

                // -3 is still a literal: "organization_id = -1" compares with a literal.
                if (operand is ValueExpr value && value.Kind == ValueKind.Literal)
                {
                    return Span(new ValueExpr(ValueKind.Literal), start);
                }

                return Span(new OpaqueExpr(new List<Expr> { operand }), start);
            }

            if (Current.IsSymbol("!"))
            {
                _pos++;
                Enter();
                var operand = ParseUnary();
                Leave();
                return Span(new NotExpr(operand), start);
            }

            if (AcceptWord("BINARY"))
            {
                Enter();
                var operand = ParseUnary();
                Leave();
                return Span(new OpaqueExpr(new List<Expr> { operand }), start);
            }

            return ParsePrimary();
        }

        private Expr ParsePrimary()
        {
            var token = Current;
            var start = token.Start;
            switch (token.Kind)
            {
                case SqlTokenKind.Number:
                    _pos++;
                    return Span(new ValueExpr(ValueKind.Literal), start);
                case SqlTokenKind.String:
                {
                    // A quoted value that C# formats in (`BlogId = '{1}'` with string.Format, `'{id}'` interpolated) is
                    // the caller's value, as a parameter is, not a literal of the query.
                    var supplied = false;
                    do
                    {
                        supplied |= Current.Value.IndexOf(SqlLexer.HoleChar) >= 0;
                        _pos++;
                    }
                    while (Current.Kind == SqlTokenKind.String);

                    return Span(new ValueExpr(supplied ? ValueKind.Hole : ValueKind.Literal), start);
                }
                case SqlTokenKind.Parameter:
                    _pos++;
                    if (Current.IsSymbol(":="))
                    {
                        // @v := expr
                        _pos++;
                        var assigned = ParseExpr();
                        return Span(new OpaqueExpr(new List<Expr> { assigned }), start);
                    }

                    return Span(new ValueExpr(ValueKind.Parameter), start);
                case SqlTokenKind.Hole:
                    _pos++;
                    return Span(new ValueExpr(ValueKind.Hole), start);
                case SqlTokenKind.Symbol when token.Value == "(":
                    return ParseParenthesized();
                case SqlTokenKind.Symbol when token.Value == "{":
                    // ODBC escape {d '2020-01-01'}.
                    SkipBraces();
                    return Span(new ValueExpr(ValueKind.Literal), start);
                case SqlTokenKind.Word:
                case SqlTokenKind.QuotedIdentifier:
                    return ParseWordPrimary();
                default:
                    throw new SqlParseException();
            }
        }

        private void SkipBraces()
        {
            var depth = 0;
            do
            {
                if (Current.Kind == SqlTokenKind.End)
                {
                    throw new SqlParseException();
                }

                if (Current.IsSymbol("{"))
                {
                    depth++;
                }
                else if (Current.IsSymbol("}"))
                {
                    depth--;
                }

                _pos++;
            }
            while (depth > 0);
        }

        private Expr ParseParenthesized()
        {
            var start = Current.Start;
            if (StartsQuery(1))
            {
                _pos++;
                var query = ParseQueryExpression();
                ExpectSymbol(")");
                return Span(new SubqueryExpr(query), start);
            }

            _pos++;
            var first = ParseExpr();
            if (AcceptSymbol(","))
            {
                var items = new List<Expr> { first };
                do
                {
                    items.Add(ParseExpr());
                }
                while (AcceptSymbol(","));
                ExpectSymbol(")");
                return Span(new OpaqueExpr(items), start);
            }

            ExpectSymbol(")");

            // Parentheses do not change the boolean structure; keep the inner node (its span widens to the parens).
            first.Start = start;
            first.End = PreviousEnd;
            return first;
        }

        private Expr ParseWordPrimary()
        {
            var token = Current;
            var start = token.Start;
            if (token.Kind == SqlTokenKind.Word)
            {
                var upper = token.Value.ToUpperInvariant();
                switch (upper)
                {
                    case "NULL":
                        _pos++;
                        return Span(new ValueExpr(ValueKind.Null), start);
                    case "TRUE":
                    case "FALSE":
                        _pos++;
                        return Span(new ValueExpr(ValueKind.Literal), start);
                    case "EXISTS":
                        _pos++;
                        ExpectSymbol("(");
                        var query = ParseQueryExpression();
                        ExpectSymbol(")");
                        return Span(new SubqueryExpr(query), start);
                    case "CASE":
                        return ParseCase();
                    case "INTERVAL":
                        _pos++;
                        var amount = ParseArithmetic();
                        _pos++; // the unit
                        return Span(new OpaqueExpr(new List<Expr> { amount }), start);
                    case "DATE":
                    case "TIME":
                    case "TIMESTAMP":
                        if (Peek().Kind == SqlTokenKind.String)
                        {
                            _pos += 2;
                            return Span(new ValueExpr(ValueKind.Literal), start);
                        }

                        break;
                    case "N":
                    case "X":
                    case "B":
                        if (Peek().Kind == SqlTokenKind.String && Peek().Start == token.End)
                        {
                            _pos += 2;
                            return Span(new ValueExpr(ValueKind.Literal), start);
                        }

                        break;
                    case "DEFAULT":
                        if (!Peek().IsSymbol("("))
                        {
                            _pos++;
                            return Span(new ValueExpr(ValueKind.Literal), start);
                        }

                        break;
                    case "ROW":
                        if (Peek().IsSymbol("("))
                        {
                            _pos++;
                            return ParseParenthesized();
                        }

                        break;
                    case "MATCH":
                        if (Peek().IsSymbol("("))
                        {
                            return ParseMatchAgainst();
                        }

                        break;
                    case "POSITION":
                        if (Peek().IsSymbol("("))
                        {
                            return ParsePosition();
                        }

                        break;
                }

                if (upper.Length > 1 && upper[0] == '_' && Peek().Kind == SqlTokenKind.String)
                {
                    // _utf8mb4'text': a charset introducer.
                    _pos += 2;
                    return Span(new ValueExpr(ValueKind.Literal), start);
                }

                if (Peek().IsSymbol("(") && Peek().Start == token.End || (Peek().IsSymbol("(") && !Reserved.Contains(token.Value)))
                {
                    return ParseFunctionCall();
                }

                if (Reserved.Contains(token.Value))
                {
                    throw new SqlParseException();
                }
            }
            else if (Peek().IsSymbol("(") && Peek().Start == token.End)
            {
                return ParseFunctionCall();
            }

            // A column: c, t.c, db.t.c.
            _pos++;
            string? qualifier = null;
            var name = token.Value;
            while (Current.IsSymbol(".") && Peek().IsIdentifierLike)
            {
                _pos++;
                qualifier = name;
                name = Current.Value;
                _pos++;
            }

            if (Current.IsSymbol(".") && Peek().Kind == SqlTokenKind.Hole)
            {
                // t.{column}, "select t." + string.Join(", t.", fields): a column C# names at run time. It is a value
                // like any hole (it pins nothing); the statement around it is still checked.
                _pos += 2;
                return Span(new ValueExpr(ValueKind.Hole), start);
            }

            return Span(new ColumnExpr(qualifier, name), start);
        }

        private Expr ParseCase()
        {
            var start = Current.Start;
            ExpectWord("CASE");
            var children = new List<Expr>();
            if (!Current.IsWord("WHEN"))
            {
                children.Add(ParseExpr());
            }

            while (AcceptWord("WHEN"))
            {
                children.Add(ParseExpr());
                ExpectWord("THEN");
                children.Add(ParseExpr());
            }

            if (AcceptWord("ELSE"))
            {
                children.Add(ParseExpr());
            }

            ExpectWord("END");
            return Span(new OpaqueExpr(children), start);
        }

        private Expr ParseFunctionCall()
        {
            // Arguments are scanned loosely (CAST(x AS t), TRIM(LEADING x FROM y), GROUP_CONCAT(... SEPARATOR ',')):
            // what matters is that subqueries and columns inside are found.
            var start = Current.Start;
            _pos++;
            ExpectSymbol("(");
            var children = new List<Expr>();
            Enter();
            while (!Current.IsSymbol(")"))
            {
                if (Current.Kind == SqlTokenKind.End || Current.IsSymbol(";"))
                {
                    throw new SqlParseException();
                }

                if (AcceptSymbol(",") || AcceptSymbol("*"))
                {
                    continue;
                }

                if (Current.Kind == SqlTokenKind.Word && Reserved.Contains(Current.Value) && !Current.IsWord("CASE") && !Current.IsWord("EXISTS")
                    && !Current.IsWord("NOT") && !Current.IsWord("SELECT") && !Current.IsWord("WITH"))
                {
                    // AS CHAR, FROM, SEPARATOR-like keywords, DISTINCT, ORDER BY...
                    _pos++;
                    continue;
                }

                if (Current.IsWord("SELECT") || Current.IsWord("WITH"))
                {
                    var subStart = Current.Start;
                    var query = ParseQueryExpression();
                    children.Add(Span(new SubqueryExpr(query), subStart));
                    continue;
                }

                var before = _pos;
                children.Add(ParseExpr());
                if (_pos == before)
                {
                    throw new SqlParseException();
                }

                // A type or keyword that follows an argument (CHAR(10), SEPARATOR ', ', USING utf8mb4).
                while (Current.Kind == SqlTokenKind.Word && !Reserved.Contains(Current.Value))
                {
                    _pos++;
                    if (Current.IsSymbol("("))
                    {
                        SkipParenthesized();
                    }
                }

                if (Current.Kind == SqlTokenKind.String)
                {
                    _pos++;
                }
            }

            Leave();
            ExpectSymbol(")");
            if (AcceptWord("OVER"))
            {
                if (Current.IsSymbol("("))
                {
                    SkipParenthesized();
                }
                else
                {
                    ExpectIdentifier();
                }
            }

            return Span(new OpaqueExpr(children, isFunction: true), start);
        }

        private T Span<T>(T expr, int start)
            where T : Expr
        {
            expr.Start = start;
            expr.End = PreviousEnd;
            return expr;
        }

        private sealed class SqlParseException : Exception
        {
        }
    }

    internal sealed class SqlParseResult
    {
        public SqlParseResult(SqlLexResult lex, List<SqlStatement> statements, int failedStatements, int unresolvedStatements, int holeTables)
        {
            Lex = lex;
            Statements = statements;
            FailedStatements = failedStatements;
            UnresolvedStatements = unresolvedStatements;
            HoleTables = holeTables;
        }

        public SqlLexResult Lex { get; }

        public List<SqlStatement> Statements { get; }

        /// <summary>Statements that could not be parsed and so were not checked.</summary>
        public int FailedStatements { get; }

        /// <summary>
        /// Statements not checked because C# text the resolver could not follow (a hole) sits where the parser needed
        /// SQL: at the statement's start (<c>Helper() + " LIMIT 1"</c>) or where a keyword or name was expected.
        /// </summary>
        public int UnresolvedStatements { get; }

        /// <summary>Table references whose name is a hole: those tables could be anything, so they are not checked.</summary>
        public int HoleTables { get; }

        /// <summary>Holes standing as a whole condition (<c>WHERE {filter}</c>): SQL text from C#, never a pin.</summary>
        public int PredicateHoles { get; set; }
    }
}
