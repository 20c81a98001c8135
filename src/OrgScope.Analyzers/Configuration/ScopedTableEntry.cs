using System;
using System.Collections.Generic;
using System.Text;

namespace OrgScope.Analyzers.Configuration
{
    /// <summary>
    /// One scoped table as configured: <c>[schema.]table[(key, ...)][:column[|column...]]</c>, identifiers optionally in
    /// backticks. Several columns name the same organization in different forms (mojoPortal's SiteID and SiteGuid): a
    /// pin on any of them pins the table; the first is the one messages and fixes use.
    /// The syntax of <c>orgscope.scoped_tables</c>, of a line of an <c>orgscope.tables</c> file and of the generator's
    /// <c>[assembly: OrgScopedTables]</c> pairs. A missing column means "the configured default".
    /// </summary>
    internal sealed class ScopedTableEntry
    {
        public ScopedTableEntry(string table, string? column, IReadOnlyList<string> key)
            : this(table, column is null ? Array.Empty<string>() : new[] { column }, key)
        {
        }

        public ScopedTableEntry(string table, IReadOnlyList<string> columns, IReadOnlyList<string> key)
        {
            Table = table;
            Columns = columns;
            Key = key;
        }

        /// <summary>The table name without schema and backticks.</summary>
        public string Table { get; }

        /// <summary>The (first) organization column, or null for the default (<c>orgscope.organization_column</c>, else organization_id).</summary>
        public string? Column => Columns.Count > 0 ? Columns[0] : null;

        /// <summary>Every organization column, the first first; empty for the default.</summary>
        public IReadOnlyList<string> Columns { get; }

        /// <summary>The primary key columns, in order; empty when not given (lookup joins into the table are then never trusted).</summary>
        public IReadOnlyList<string> Key { get; }

        /// <summary>Parses one entry; on failure <paramref name="error"/> says what is wrong in words a user can act on.</summary>
        public static bool TryParse(string text, out ScopedTableEntry? entry, out string error)
        {
            entry = null;
            var reader = new Reader(text);
            reader.SkipSpace();
            if (!reader.TryIdentifier(allowDots: true, out var table, out error))
            {
                error = "expected a table name" + error;
                return false;
            }

            var key = new List<string>();
            reader.SkipSpace();
            if (reader.Accept('('))
            {
                do
                {
                    reader.SkipSpace();
                    if (!reader.TryIdentifier(allowDots: false, out var keyColumn, out error))
                    {
                        error = "expected a key column inside '(...)'" + error;
                        return false;
                    }

                    key.Add(keyColumn);
                    reader.SkipSpace();
                }
                while (reader.Accept(','));

                if (!reader.Accept(')'))
                {
                    error = "expected ',' or ')' after the key column '" + key[key.Count - 1] + "'";
                    return false;
                }

                reader.SkipSpace();
            }

            var columns = new List<string>();
            if (reader.Accept(':'))
            {
                do
                {
                    reader.SkipSpace();
                    if (!reader.TryIdentifier(allowDots: false, out var named, out error))
                    {
                        error = (columns.Count == 0 ? "expected the organization column after ':'" : "expected another organization column after '|'") + error;
                        return false;
                    }

                    columns.Add(named);
                    reader.SkipSpace();
                }
                while (reader.Accept('|'));
            }

            if (!reader.AtEnd)
            {
                error = "unexpected '" + reader.Rest + "' after the entry (the form is table, table:column, table:column|column or table(key):column)";
                return false;
            }

            // A schema prefix is accepted and ignored: matching is by table name (as SQL written without a schema is).
            var dot = table.LastIndexOf('.');
            entry = new ScopedTableEntry(dot >= 0 ? table.Substring(dot + 1) : table, columns, key);
            error = string.Empty;
            return true;
        }

        /// <summary>The column(s) <c>orgscope.organization_column</c> gives: <c>ClientId</c>, or <c>SiteID|SiteGuid</c>.</summary>
        public static bool TryParseColumns(string text, out IReadOnlyList<string> columns, out string error)
        {
            var reader = new Reader(text);
            var found = new List<string>();
            columns = found;
            do
            {
                reader.SkipSpace();
                if (!reader.TryIdentifier(allowDots: false, out var column, out error))
                {
                    error = "expected a column name" + error;
                    return false;
                }

                found.Add(column);
                reader.SkipSpace();
            }
            while (reader.Accept('|'));

            if (!reader.AtEnd)
            {
                error = "unexpected '" + reader.Rest + "' after the column name";
                return false;
            }

            return true;
        }

        /// <summary>
        /// Splits a list (the .editorconfig value, one attribute string) on commas, semicolons and white space outside
        /// parentheses and backticks, so <c>a, b(x, y):c</c> is two entries.
        /// </summary>
        public static IEnumerable<string> SplitList(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield break;
            }

            var current = new StringBuilder();
            var depth = 0;
            var quoted = false;
            var text = value!;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '`')
                {
                    quoted = !quoted;
                }
                else if (!quoted && c == '(')
                {
                    depth++;
                }
                else if (!quoted && c == ')')
                {
                    depth--;
                }
                else if (!quoted && depth <= 0 && (c == ',' || c == ';' || (char.IsWhiteSpace(c) && !JoinsAcrossSpace(text, i, current))))
                {
                    if (current.ToString().Trim().Length > 0)
                    {
                        yield return current.ToString();
                    }

                    current.Clear();
                    continue;
                }

                current.Append(c);
            }

            if (current.ToString().Trim().Length > 0)
            {
                yield return current.ToString();
            }
        }

        /// <summary>White space inside an entry ("users (id) : col") does not split it; between entries ("a b") it does.</summary>
        private static bool JoinsAcrossSpace(string text, int at, StringBuilder current)
        {
            var before = current.ToString().TrimEnd();
            if (before.Length == 0 || before[before.Length - 1] == ':')
            {
                return true;
            }

            var next = at;
            while (next < text.Length && char.IsWhiteSpace(text[next]))
            {
                next++;
            }

            return next < text.Length && (text[next] == '(' || text[next] == ':');
        }

        public override string ToString() =>
            Table + (Key.Count > 0 ? "(" + string.Join(", ", Key) + ")" : string.Empty) + (Columns.Count == 0 ? string.Empty : ":" + string.Join("|", Columns));

        private sealed class Reader
        {
            private readonly string _text;
            private int _pos;

            public Reader(string text) => _text = text;

            public bool AtEnd => _pos >= _text.Length;

            public string Rest => _text.Substring(_pos).Trim();

            public void SkipSpace()
            {
                while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
                {
                    _pos++;
                }
            }

            public bool Accept(char c)
            {
                if (_pos < _text.Length && _text[_pos] == c)
                {
                    _pos++;
                    return true;
                }

                return false;
            }

            /// <summary>Letters, digits, '_', '$' (and '.' between parts when <paramref name="allowDots"/>), or a backticked name.</summary>
            public bool TryIdentifier(bool allowDots, out string name, out string error)
            {
                var builder = new StringBuilder();
                error = string.Empty;
                while (true)
                {
                    if (Accept('`'))
                    {
                        // MySQL's quoting: a backtick inside the name is written twice.
                        while (true)
                        {
                            var close = _text.IndexOf('`', _pos);
                            if (close < 0)
                            {
                                name = string.Empty;
                                error = " (a '`' is not closed)";
                                return false;
                            }

                            builder.Append(_text, _pos, close - _pos);
                            _pos = close + 1;
                            if (!Accept('`'))
                            {
                                break;
                            }

                            builder.Append('`');
                        }
                    }
                    else
                    {
                        var start = _pos;
                        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_' || _text[_pos] == '$'))
                        {
                            _pos++;
                        }

                        if (_pos == start)
                        {
                            name = string.Empty;
                            if (!AtEnd)
                            {
                                error = ", found '" + _text[_pos] + "'";
                            }

                            return false;
                        }

                        builder.Append(_text, start, _pos - start);
                    }

                    if (allowDots && Accept('.'))
                    {
                        builder.Append('.');
                        continue;
                    }

                    name = builder.ToString();
                    if (name.Trim().Length == 0)
                    {
                        error = " (an empty name)";
                        return false;
                    }

                    return true;
                }
            }
        }
    }
}
