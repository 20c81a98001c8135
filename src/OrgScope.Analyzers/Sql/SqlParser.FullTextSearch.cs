using System.Collections.Generic;

namespace OrgScope.Analyzers.Sql
{
    internal sealed partial class SqlParser
    {
        /// <summary>
        /// <c>MATCH (col, ...) AGAINST (expr [search modifier])</c>: a full-text predicate. It narrows rows but never
        /// pins an organization, so it becomes an opaque node; its columns and search value are still searched for
        /// subqueries.
        /// </summary>
        private Expr ParseMatchAgainst()
        {
            var start = Current.Start;
            ExpectWord("MATCH");
            ExpectSymbol("(");
            Enter();
            var children = new List<Expr>();
            do
            {
                children.Add(ParseArithmetic());
            }
            while (AcceptSymbol(","));
            ExpectSymbol(")");
            ExpectWord("AGAINST");
            ExpectSymbol("(");

            // Stop before IN: here it opens the search mode, not an IN (...) list.
            children.Add(ParseArithmetic());
            SkipSearchModifier();
            ExpectSymbol(")");
            Leave();
            return Span(new OpaqueExpr(children, isFunction: true), start);
        }

        /// <summary>IN NATURAL LANGUAGE MODE [WITH QUERY EXPANSION] | IN BOOLEAN MODE | WITH QUERY EXPANSION, or nothing.</summary>
        private void SkipSearchModifier()
        {
            if (AcceptWord("IN"))
            {
                if (AcceptWord("BOOLEAN"))
                {
                    // MySQL allows no query expansion in boolean mode.
                    ExpectWord("MODE");
                    return;
                }

                ExpectWord("NATURAL");
                ExpectWord("LANGUAGE");
                ExpectWord("MODE");
            }

            if (AcceptWord("WITH"))
            {
                ExpectWord("QUERY");
                ExpectWord("EXPANSION");
            }
        }
    }
}
