using System;
using System.Collections.Generic;
using System.Globalization;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>
    /// <c>orgscope.shared_organization_ids</c>: organization values that mean "shared by every organization" (a 0 row of
    /// defaults, NULL for global templates). A filter that admits only the current organization and these is pinned.
    /// </summary>
    internal sealed class SharedOrganizationIds
    {
        public static readonly SharedOrganizationIds None = new SharedOrganizationIds(new List<string>(), false);

        private readonly List<string> _values;

        private SharedOrganizationIds(List<string> values, bool admitsNull)
        {
            _values = values;
            AdmitsNull = admitsNull;
        }

        public bool IsEmpty => _values.Count == 0 && !AdmitsNull;

        /// <summary>NULL is in the list: <c>col IS NULL</c> admits shared rows only.</summary>
        public bool AdmitsNull { get; }

        /// <summary>"0", "0, NULL", "'global'": numbers, quoted strings, bare words, and NULL.</summary>
        public static SharedOrganizationIds Parse(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return None;
            }

            var values = new List<string>();
            var admitsNull = false;
            foreach (var part in value!.Split(new[] { ',', ';', ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (string.Equals(part, "NULL", StringComparison.OrdinalIgnoreCase))
                {
                    admitsNull = true;
                }
                else
                {
                    values.Add(Unquote(part));
                }
            }

            return new SharedOrganizationIds(values, admitsNull);
        }

        /// <summary>Whether a SQL literal, as written (<c>0</c>, <c>'0'</c>, <c>-1</c>), is one of the shared values.</summary>
        public bool Admits(string literal)
        {
            if (_values.Count == 0)
            {
                return false;
            }

            var text = Unquote(literal.Trim());
            var isNumber = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
            foreach (var value in _values)
            {
                if (isNumber && decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var shared))
                {
                    if (number == shared)
                    {
                        return true;
                    }
                }
                else if (string.Equals(text, value, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        public override string ToString()
        {
            var parts = new List<string>(_values);
            if (AdmitsNull)
            {
                parts.Add("NULL");
            }

            return string.Join(", ", parts);
        }

        private static string Unquote(string text)
        {
            if (text.Length >= 2 && (text[0] == '\'' || text[0] == '"') && text[text.Length - 1] == text[0])
            {
                var quote = text[0].ToString();
                return text.Substring(1, text.Length - 2).Replace(quote + quote, quote).Replace("\\" + quote, quote);
            }

            return text;
        }
    }
}
