using System.Collections.Generic;

namespace OrgScope.Analyzers.Sql
{
    internal sealed partial class SqlParser
    {
        /// <summary>
        /// <c>POSITION(substr IN str)</c>: the arguments are separated by IN, which the loose argument scan of
        /// <see cref="ParseFunctionCall"/> would read as an <c>IN (...)</c> predicate and refuse.
        /// </summary>
        private Expr ParsePosition()
        {
            var start = Current.Start;
            ExpectWord("POSITION");
            ExpectSymbol("(");
            Enter();

            // MySQL's grammar: a bit expression (no predicate, so IN ends it), IN, then any expression.
            var needle = ParseArithmetic();
            ExpectWord("IN");
            var haystack = ParseExpr();
            ExpectSymbol(")");
            Leave();
            return Span(new OpaqueExpr(new List<Expr> { needle, haystack }, isFunction: true), start);
        }
    }
}
