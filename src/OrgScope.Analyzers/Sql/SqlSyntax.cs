using System.Collections.Generic;

namespace OrgScope.Analyzers.Sql
{
    // The parsed shape of MySQL statements: only what the scope checker needs (table sources, boolean structure,
    // comparisons, subqueries). Everything else is an opaque node that still carries its children, so no subquery
    // is ever lost.

    internal abstract class SqlStatement
    {
        /// <summary>Common table expressions of a leading WITH (also before UPDATE and DELETE).</summary>
        public List<CommonTableExpression> With { get; } = new List<CommonTableExpression>();
    }

    internal sealed class SelectStatement : SqlStatement
    {
        public SelectStatement(QueryExpression query) => Query = query;

        public QueryExpression Query { get; }
    }

    /// <summary>UPDATE and DELETE share one shape: sources, a WHERE, and other expressions to search for subqueries.</summary>
    internal sealed class ModifyStatement : SqlStatement
    {
        public ModifyStatement(bool isDelete, TableSource? sources, Expr? where, List<Expr> otherExpressions, int endOfSources)
        {
            IsDelete = isDelete;
            Sources = sources;
            Where = where;
            OtherExpressions = otherExpressions;
            EndOfSources = endOfSources;
        }

        public bool IsDelete { get; }

        public TableSource? Sources { get; }

        public Expr? Where { get; }

        public List<Expr> OtherExpressions { get; }

        /// <summary>SQL offset after the last token of the table sources of a DELETE (where a WHERE can go).</summary>
        public int EndOfSources { get; }

        /// <summary>SQL offset after the last SET assignment of an UPDATE (where a WHERE can go).</summary>
        public int EndOfSet { get; set; } = -1;
    }

    internal sealed class InsertStatement : SqlStatement
    {
        public InsertStatement(TableRef target) => Target = target;

        public TableRef Target { get; }

        public bool IsReplace { get; set; }

        /// <summary>The column list, or null when there is none.</summary>
        public List<string>? Columns { get; set; }

        /// <summary>SQL offset of the column list's closing parenthesis.</summary>
        public int ColumnListClose { get; set; } = -1;

        /// <summary>Columns assigned by the INSERT ... SET form.</summary>
        public List<string>? SetColumns { get; set; }

        public int EndOfSet { get; set; } = -1;

        /// <summary>SQL offsets of each VALUES row's closing parenthesis.</summary>
        public List<int> ValueRowCloses { get; } = new List<int>();

        public QueryExpression? Select { get; set; }

        public List<Expr> OtherExpressions { get; } = new List<Expr>();
    }

    /// <summary>A statement the checker has nothing to say about (SET, SHOW, CREATE, CALL...).</summary>
    internal sealed class OtherStatement : SqlStatement
    {
    }

    internal sealed class CommonTableExpression
    {
        public CommonTableExpression(string name, QueryExpression query)
        {
            Name = name;
            Query = query;
        }

        public string Name { get; }

        public QueryExpression Query { get; }
    }

    /// <summary>WITH ... body (UNION ...) ORDER BY ... LIMIT ...</summary>
    internal sealed class QueryExpression
    {
        public QueryExpression(List<CommonTableExpression> with, List<SelectCore> branches, List<Expr> trailing)
        {
            With = with;
            Branches = branches;
            Trailing = trailing;
        }

        public List<CommonTableExpression> With { get; }

        /// <summary>Every SELECT of the UNION/INTERSECT/EXCEPT chain, nested parentheses flattened (nested WITH kept on its own query).</summary>
        public List<SelectCore> Branches { get; }

        public List<Expr> Trailing { get; }

        /// <summary>Queries nested in parentheses inside the chain that carry their own WITH.</summary>
        public List<QueryExpression> NestedQueries { get; } = new List<QueryExpression>();
    }

    internal sealed class SelectCore
    {
        public List<SelectItem> Items { get; } = new List<SelectItem>();

        public TableSource? From { get; set; }

        public Expr? Where { get; set; }

        public List<Expr> OtherExpressions { get; } = new List<Expr>();

        /// <summary>SQL offset after the FROM clause's last token (where a WHERE can go), or -1.</summary>
        public int EndOfFrom { get; set; } = -1;
    }

    internal sealed class SelectItem
    {
        public SelectItem(Expr? expr, string? alias, bool isStar, string? starQualifier)
        {
            Expr = expr;
            Alias = alias;
            IsStar = isStar;
            StarQualifier = starQualifier;
        }

        public Expr? Expr { get; }

        public string? Alias { get; }

        public bool IsStar { get; }

        public string? StarQualifier { get; }
    }

    internal abstract class TableSource
    {
    }

    internal sealed class TableRef : TableSource
    {
        public TableRef(string? schema, string name, string? alias, int start, int end)
        {
            Schema = schema;
            Name = name;
            Alias = alias;
            Start = start;
            End = end;
        }

        public string? Schema { get; }

        public string Name { get; }

        public string? Alias { get; }

        /// <summary>SQL span of the reference (schema.table), without the alias.</summary>
        public int Start { get; }

        public int End { get; }

        public bool IsHole { get; set; }

        public string ExposedName => Alias ?? Name;
    }

    /// <summary>Rows the statement builds itself rather than reads from a stored table: named only by an alias.</summary>
    internal abstract class ComputedTable : TableSource
    {
        protected ComputedTable(string? alias) => Alias = alias;

        public string? Alias { get; }
    }

    internal sealed class DerivedTable : ComputedTable
    {
        public DerivedTable(QueryExpression query, string? alias)
            : base(alias) => Query = query;

        public QueryExpression Query { get; }
    }

    /// <summary>JSON_TABLE(json, path COLUMNS (...)) alias: rows built from a JSON value, never a stored table.</summary>
    internal sealed class JsonTable : ComputedTable
    {
        public JsonTable(Expr json, string? alias)
            : base(alias) => Json = json;

        /// <summary>The JSON value; it may name columns of the tables before it (JSON_TABLE is implicitly LATERAL).</summary>
        public Expr Json { get; }
    }

    internal enum JoinKind
    {
        Inner,
        Left,
        Right,
        Natural,
    }

    internal sealed class JoinSource : TableSource
    {
        public JoinSource(TableSource left, TableSource right, JoinKind kind, Expr? on, List<string>? usingColumns, int onEnd)
        {
            Left = left;
            Right = right;
            Kind = kind;
            On = on;
            Using = usingColumns;
            OnEnd = onEnd;
        }

        public TableSource Left { get; }

        public TableSource Right { get; }

        public JoinKind Kind { get; }

        public Expr? On { get; }

        public List<string>? Using { get; }

        /// <summary>SQL offset after the ON condition's last token, or -1.</summary>
        public int OnEnd { get; }
    }

    internal abstract class Expr
    {
        public int Start { get; set; }

        public int End { get; set; }
    }

    internal sealed class ColumnExpr : Expr
    {
        public ColumnExpr(string? qualifier, string name)
        {
            Qualifier = qualifier;
            Name = name;
        }

        /// <summary>The table or alias part (the last one before the column), or null.</summary>
        public string? Qualifier { get; }

        public string Name { get; }
    }

    internal enum ValueKind
    {
        Parameter,
        Hole,
        Literal,
        Null,
    }

    internal sealed class ValueExpr : Expr
    {
        public ValueExpr(ValueKind kind) => Kind = kind;

        public ValueKind Kind { get; }
    }

    internal sealed class BinaryExpr : Expr
    {
        public BinaryExpr(string op, Expr left, Expr right)
        {
            Op = op;
            Left = left;
            Right = right;
        }

        /// <summary>AND, OR, XOR, a comparison (=, &lt;=&gt;, &lt;&gt;, ...) or an arithmetic operator, upper case.</summary>
        public string Op { get; }

        public Expr Left { get; }

        public Expr Right { get; }
    }

    internal sealed class NotExpr : Expr
    {
        public NotExpr(Expr operand) => Operand = operand;

        public Expr Operand { get; }
    }

    internal sealed class InExpr : Expr
    {
        public InExpr(Expr operand, List<Expr>? list, QueryExpression? subquery, bool negated)
        {
            Operand = operand;
            List = list;
            Subquery = subquery;
            Negated = negated;
        }

        public Expr Operand { get; }

        public List<Expr>? List { get; }

        public QueryExpression? Subquery { get; }

        public bool Negated { get; }
    }

    /// <summary>(SELECT ...), EXISTS (SELECT ...), = ANY (SELECT ...).</summary>
    internal sealed class SubqueryExpr : Expr
    {
        public SubqueryExpr(QueryExpression query) => Query = query;

        public QueryExpression Query { get; }
    }

    /// <summary>Function calls, CASE, BETWEEN, LIKE, IS NULL, arithmetic...: no pin, but children are searched.</summary>
    internal sealed class OpaqueExpr : Expr
    {
        public OpaqueExpr(List<Expr> children, bool isFunction = false)
        {
            Children = children;
            IsFunction = isFunction;
        }

        public List<Expr> Children { get; }

        public bool IsFunction { get; }
    }
}
