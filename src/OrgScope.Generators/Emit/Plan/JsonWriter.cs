using System.Globalization;
using System.Text;

namespace OrgScope.Generators.Emit.Plan
{
    /// <summary>
    /// A minimal indenting JSON writer (the generator targets netstandard2.0 and must not depend on System.Text.Json).
    /// Two-space indentation, "\n" line ends, members in the order written: the output is deterministic. Values nested
    /// deeper than <c>lineDepth</c> are written on their parent's line without spaces (the plan puts each table on one
    /// line: short to parse in a large model, still one diff line per table).
    /// </summary>
    internal sealed class JsonWriter
    {
        private readonly StringBuilder _builder;
        private readonly string _quote;
        private readonly int _lineDepth;
        private int _depth;
        private bool _needsComma;
        private bool _afterName;

        /// <summary>Writes plain JSON into a new buffer.</summary>
        public JsonWriter(int lineDepth = int.MaxValue)
            : this(new StringBuilder(), verbatimString: false, lineDepth)
        {
        }

        /// <summary>
        /// Writes into <paramref name="builder"/>; with <paramref name="verbatimString"/> every quote is doubled, so the
        /// JSON lands directly inside a C# verbatim string (plans reach megabytes: no second copy to escape).
        /// </summary>
        public JsonWriter(StringBuilder builder, bool verbatimString, int lineDepth = int.MaxValue)
        {
            _builder = builder;
            _quote = verbatimString ? "\"\"" : "\"";
            _lineDepth = lineDepth;
        }

        public void StartObject() => Open('{');

        public void EndObject() => Close('}');

        public void StartArray() => Open('[');

        public void EndArray() => Close(']');

        public void Name(string name)
        {
            BeginValue();
            WriteString(name);
            _builder.Append(_depth <= _lineDepth ? ": " : ":");
            _afterName = true;
        }

        public void String(string? value)
        {
            BeginValue();
            if (value is null)
            {
                _builder.Append("null");
            }
            else
            {
                WriteString(value);
            }

            _needsComma = true;
        }

        public void Number(int value)
        {
            BeginValue();
            _builder.Append(value.ToString(CultureInfo.InvariantCulture));
            _needsComma = true;
        }

        public void Boolean(bool value)
        {
            BeginValue();
            _builder.Append(value ? "true" : "false");
            _needsComma = true;
        }

        public void Property(string name, string? value)
        {
            Name(name);
            String(value);
        }

        public override string ToString() => _builder.ToString();

        private void Open(char bracket)
        {
            BeginValue();
            _builder.Append(bracket);
            _depth++;
            _needsComma = false;
        }

        private void Close(char bracket)
        {
            _depth--;
            if (_needsComma && _depth < _lineDepth)
            {
                NewLine();
            }

            // An empty container stays on one line: [] or {}.
            _builder.Append(bracket);
            _needsComma = true;
        }

        private void BeginValue()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }

            if (_needsComma)
            {
                _builder.Append(',');
            }

            if (_depth > 0 && _depth <= _lineDepth)
            {
                NewLine();
            }

            _needsComma = false;
        }

        private void NewLine()
        {
            _builder.Append('\n');
            _builder.Append(' ', _depth * 2);
        }

        private void WriteString(string value)
        {
            _builder.Append(_quote);

            // Copy runs of plain characters at once: plan strings hold whole SQL scripts (megabytes for large models).
            var runStart = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c >= ' ' && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029' && !char.IsSurrogate(c))
                {
                    continue;
                }

                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                _builder.Append(value, runStart, i - runStart);
                runStart = i + 1;
                switch (c)
                {
                    case '"': _builder.Append('\\').Append(_quote); break;
                    case '\\': _builder.Append("\\\\"); break;
                    case '\n': _builder.Append("\\n"); break;
                    case '\r': _builder.Append("\\r"); break;
                    case '\t': _builder.Append("\\t"); break;
                    case '\b': _builder.Append("\\b"); break;
                    case '\f': _builder.Append("\\f"); break;
                    default:
                        if (char.IsSurrogate(c))
                        {
                            // An unpaired surrogate is not valid UTF-16: JSON readers (System.Text.Json) reject it.
                            _builder.Append("\\ufffd");
                        }
                        else
                        {
                            _builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }

                        break;
                }
            }

            _builder.Append(value, runStart, value.Length - runStart);
            _builder.Append(_quote);
        }
    }
}
