using System.Collections.Generic;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>
    /// A MySQL lexer: comments (--, #, /* */), executable comments (/*! */, whose content MySQL runs, so it is lexed),
    /// quoted strings with backslash and doubled-quote escapes, backtick identifiers, parameters (@p, ?, :p; MySql.Data's
    /// ?p; Dapper's {=p} and ?p?; EF Core's {0}) and holes. It never throws: malformed input yields <see cref="SqlLexResult.IsComplete"/> = false.
    /// </summary>
    internal static class SqlLexer
    {
        /// <summary>The character the resolver puts where C# supplies an opaque value (an interpolation hole).</summary>
        public const char HoleChar = '\uE000';

        /// <summary>
        /// A backtick identifier with a hole inside (<c>"from `" + table + "`"</c>, <c>$"`{prefix}Posts`"</c>) names
        /// whatever C# supplies, so it is the hole, exactly as without the backticks: <c>`{prefix}Posts`</c> keeps the
        /// name after the hole (a configured table prefix applies), any other shape is a bare hole.
        /// </summary>
        private static SqlToken QuotedHole(int start, int length, string inner)
        {
            var suffix = inner.Length > 1 && inner[0] == HoleChar ? inner.Substring(1) : string.Empty;
            foreach (var c in suffix)
            {
                if (!IsWordChar(c))
                {
                    suffix = string.Empty;
                    break;
                }
            }

            return new SqlToken(SqlTokenKind.Hole, start, length, suffix.Length > 0 ? suffix : "?");
        }

        public static SqlLexResult Lex(string text)
        {
            var tokens = new List<SqlToken>(text.Length / 4 + 4);
            var complete = true;
            var inExecutableComment = false;
            var i = 0;
            var n = text.Length;
            while (i < n)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                // Comments.
                if (c == '#' || (c == '-' && i + 1 < n && text[i + 1] == '-' && (i + 2 >= n || char.IsWhiteSpace(text[i + 2]) || char.IsControl(text[i + 2]))))
                {
                    while (i < n && text[i] != '\n')
                    {
                        i++;
                    }

                    continue;
                }

                if (c == '/' && i + 1 < n && text[i + 1] == '*')
                {
                    if (i + 2 < n && text[i + 2] == '!')
                    {
                        // /*!50100 ... */: MySQL executes the content, so it is code, not a comment.
                        i += 3;
                        while (i < n && char.IsDigit(text[i]))
                        {
                            i++;
                        }

                        inExecutableComment = true;
                        continue;
                    }

                    var close = text.IndexOf("*/", i + 2, System.StringComparison.Ordinal);
                    if (close < 0)
                    {
                        complete = false;
                        break;
                    }

                    i = close + 2;
                    continue;
                }

                if (inExecutableComment && c == '*' && i + 1 < n && text[i + 1] == '/')
                {
                    inExecutableComment = false;
                    i += 2;
                    continue;
                }

                var start = i;
                if (c == '\'' || c == '"')
                {
                    if (!SkipQuoted(text, ref i, c, backslashEscapes: true))
                    {
                        complete = false;
                    }

                    tokens.Add(new SqlToken(SqlTokenKind.String, start, i - start, text.Substring(start, i - start)));
                    continue;
                }

                if (c == '`')
                {
                    if (!SkipQuoted(text, ref i, '`', backslashEscapes: false))
                    {
                        complete = false;
                    }

                    var inner = i - start >= 2 ? text.Substring(start + 1, i - start - 2).Replace("``", "`") : string.Empty;
                    tokens.Add(inner.IndexOf(HoleChar) >= 0
                        ? QuotedHole(start, i - start, inner)
                        : new SqlToken(SqlTokenKind.QuotedIdentifier, start, i - start, inner));
                    continue;
                }

                if (c == HoleChar)
                {
                    // {prefix}Posts, {p}blogid: a value glued to the front of a name is one token, the name with an
                    // unknown prefix (its Value is what follows the hole; "?" for a bare hole).
                    i++;
                    while (i < n && IsWordChar(text[i]))
                    {
                        i++;
                    }

                    tokens.Add(new SqlToken(SqlTokenKind.Hole, start, i - start, i - start == 1 ? "?" : text.Substring(start + 1, i - start - 1)));
                    continue;
                }

                if (c == '@')
                {
                    i++;
                    if (i < n && text[i] == '@')
                    {
                        i++;
                    }

                    if (i < n && (text[i] == '`' || text[i] == '\'' || text[i] == '"'))
                    {
                        if (!SkipQuoted(text, ref i, text[i], backslashEscapes: text[i] != '`'))
                        {
                            complete = false;
                        }
                    }
                    else
                    {
                        while (i < n && (IsWordChar(text[i]) || text[i] == '.'))
                        {
                            i++;
                        }
                    }

                    tokens.Add(new SqlToken(SqlTokenKind.Parameter, start, i - start, text.Substring(start, i - start)));
                    continue;
                }

                if (c == '?')
                {
                    // MySql.Data's named ?name and Dapper's pseudo-positional ?name? are one parameter; a lone ? is
                    // the positional one.
                    i = QuestionMarkParameterEnd(text, i);
                    tokens.Add(new SqlToken(SqlTokenKind.Parameter, start, i - start, text.Substring(start, i - start)));
                    continue;
                }

                if (c == '{')
                {
                    // Dapper's literal replacement {=name} and EF Core's raw-SQL placeholder {0} are values the
                    // caller supplies (parameters), not the ODBC escapes {d '...'} that follow the same brace.
                    var close = PlaceholderEnd(text, i);
                    if (close > 0)
                    {
                        i = close;
                        tokens.Add(new SqlToken(SqlTokenKind.Parameter, start, i - start, text.Substring(start, i - start)));
                        continue;
                    }
                }

                if (c == ':' && i + 1 < n && (char.IsLetter(text[i + 1]) || text[i + 1] == '_'))
                {
                    i++;
                    while (i < n && IsWordChar(text[i]))
                    {
                        i++;
                    }

                    tokens.Add(new SqlToken(SqlTokenKind.Parameter, start, i - start, text.Substring(start, i - start)));
                    continue;
                }

                if (char.IsDigit(c) || (c == '.' && i + 1 < n && char.IsDigit(text[i + 1]) && !PreviousIsIdentifier(tokens, start)))
                {
                    i = SkipNumber(text, i);
                    if (i < n && IsWordChar(text[i]))
                    {
                        // MySQL identifiers may start with digits (1st_column): a word after all.
                        while (i < n && IsWordChar(text[i]))
                        {
                            i++;
                        }

                        tokens.Add(new SqlToken(SqlTokenKind.Word, start, i - start, text.Substring(start, i - start)));
                    }
                    else
                    {
                        tokens.Add(new SqlToken(SqlTokenKind.Number, start, i - start, text.Substring(start, i - start)));
                    }

                    continue;
                }

                if (IsWordChar(c))
                {
                    while (i < n && IsWordChar(text[i]))
                    {
                        i++;
                    }

                    tokens.Add(new SqlToken(SqlTokenKind.Word, start, i - start, text.Substring(start, i - start)));
                    continue;
                }

                var symbol = MatchSymbol(text, i);
                i += symbol.Length;
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, start, symbol.Length, symbol));
            }

            tokens.Add(new SqlToken(SqlTokenKind.End, n, 0, string.Empty));
            return new SqlLexResult(tokens, complete);
        }

        public static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

        /// <summary>After <c>?name?</c> (Dapper's pseudo-positional) or <c>?name</c> (MySql.Data's named), else after the lone <c>?</c>.</summary>
        private static int QuestionMarkParameterEnd(string text, int i)
        {
            var j = i + 1;
            if (j < text.Length && (char.IsLetter(text[j]) || text[j] == '_'))
            {
                while (j < text.Length && IsWordChar(text[j]))
                {
                    j++;
                }

                return j < text.Length && text[j] == '?' ? j + 1 : j;
            }

            return i + 1;
        }

        /// <summary>After <c>{=name}</c> or <c>{0}</c> starting at <paramref name="i"/>; -1 when it is neither.</summary>
        private static int PlaceholderEnd(string text, int i)
        {
            var j = i + 1;
            var literalReplacement = j < text.Length && text[j] == '=';
            if (literalReplacement)
            {
                j++;
            }

            var nameStart = j;
            while (j < text.Length && (literalReplacement ? char.IsLetterOrDigit(text[j]) || text[j] == '_' : char.IsDigit(text[j])))
            {
                j++;
            }

            return j > nameStart && j < text.Length && text[j] == '}' ? j + 1 : -1;
        }

        private static bool PreviousIsIdentifier(List<SqlToken> tokens, int start)
        {
            // "t.5col" is a qualified name, not the number .5.
            if (tokens.Count == 0)
            {
                return false;
            }

            var previous = tokens[tokens.Count - 1];
            return previous.End == start && previous.IsIdentifierLike;
        }

        private static bool SkipQuoted(string text, ref int i, char quote, bool backslashEscapes)
        {
            i++;
            while (i < text.Length)
            {
                var c = text[i];
                if (backslashEscapes && c == '\\')
                {
                    i += 2;
                    continue;
                }

                if (c == quote)
                {
                    if (i + 1 < text.Length && text[i + 1] == quote)
                    {
                        i += 2;
                        continue;
                    }

                    i++;
                    return true;
                }

                i++;
            }

            i = text.Length;
            return false;
        }

        private static int SkipNumber(string text, int i)
        {
            var n = text.Length;
            if (text[i] == '0' && i + 1 < n && (text[i + 1] == 'x' || text[i + 1] == 'X' || text[i + 1] == 'b' || text[i + 1] == 'B'))
            {
                var j = i + 2;
                while (j < n && IsHexDigit(text[j]))
                {
                    j++;
                }

                if (j > i + 2)
                {
                    return j;
                }
            }

            while (i < n && char.IsDigit(text[i]))
            {
                i++;
            }

            if (i < n && text[i] == '.')
            {
                i++;
                while (i < n && char.IsDigit(text[i]))
                {
                    i++;
                }
            }

            if (i < n && (text[i] == 'e' || text[i] == 'E'))
            {
                var j = i + 1;
                if (j < n && (text[j] == '+' || text[j] == '-'))
                {
                    j++;
                }

                if (j < n && char.IsDigit(text[j]))
                {
                    i = j;
                    while (i < n && char.IsDigit(text[i]))
                    {
                        i++;
                    }
                }
            }

            return i;
        }

        private static bool IsHexDigit(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static readonly string[] MultiCharSymbols = { "<=>", "->>", "<>", "!=", "<=", ">=", "<<", ">>", "||", "&&", ":=", "->" };

        private static string MatchSymbol(string text, int i)
        {
            foreach (var symbol in MultiCharSymbols)
            {
                if (string.CompareOrdinal(text, i, symbol, 0, symbol.Length) == 0)
                {
                    return symbol;
                }
            }

            return text[i].ToString();
        }
    }

    internal sealed class SqlLexResult
    {
        public SqlLexResult(IReadOnlyList<SqlToken> tokens, bool isComplete)
        {
            Tokens = tokens;
            IsComplete = isComplete;
        }

        /// <summary>The tokens, always ending with one <see cref="SqlTokenKind.End"/> token.</summary>
        public IReadOnlyList<SqlToken> Tokens { get; }

        /// <summary>False when a string, identifier or comment was not closed: the parser then stays silent.</summary>
        public bool IsComplete { get; }
    }
}
