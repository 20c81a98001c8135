using System;

namespace OrgScope.Analyzers.Sql
{
    internal enum SqlTokenKind
    {
        /// <summary>An unquoted word: a keyword or an identifier (the parser decides).</summary>
        Word,

        /// <summary>A backtick-quoted identifier; <see cref="SqlToken.Value"/> is the name without quotes.</summary>
        QuotedIdentifier,

        /// <summary>A '...' or "..." string literal.</summary>
        String,

        Number,

        /// <summary>@name, @@var, ?, ?name or :name, Dapper's {=name} and ?name?, EF Core's {0}: a value the caller supplies.</summary>
        Parameter,

        /// <summary>
        /// An opaque value spliced in from C# (an interpolation hole or a non-constant operand); glued to the front of a
        /// name (<c>{prefix}Posts</c>) it is that name with an unknown prefix, and <see cref="SqlToken.Value"/> is the name.
        /// </summary>
        Hole,

        /// <summary>Punctuation and operators: ( ) , . ; = &lt;=&gt; &lt;&gt; != || &amp;&amp; ...</summary>
        Symbol,

        End,
    }

    /// <summary>One lexical token of MySQL text; offsets index the SQL string so findings map back to the C# literal.</summary>
    internal readonly struct SqlToken
    {
        public SqlToken(SqlTokenKind kind, int start, int length, string value)
        {
            Kind = kind;
            Start = start;
            Length = length;
            Value = value;
        }

        public SqlTokenKind Kind { get; }

        public int Start { get; }

        public int Length { get; }

        public int End => Start + Length;

        /// <summary>The token's text; for quoted identifiers the unquoted name.</summary>
        public string Value { get; }

        public bool IsWord(string keyword) => Kind == SqlTokenKind.Word && string.Equals(Value, keyword, StringComparison.OrdinalIgnoreCase);

        public bool IsSymbol(string symbol) => Kind == SqlTokenKind.Symbol && Value == symbol;

        /// <summary>A word or a quoted identifier: something that can name a table, column or alias.</summary>
        public bool IsIdentifierLike => Kind == SqlTokenKind.Word || Kind == SqlTokenKind.QuotedIdentifier;

        public override string ToString() => Kind + ":" + Value;
    }
}
