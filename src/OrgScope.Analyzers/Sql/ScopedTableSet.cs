using System;
using System.Collections.Generic;
using System.Linq;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>
    /// The org-scoped tables and each one's organization column. Matching is case-insensitive; schema prefixes and
    /// backticks are stripped before lookup (the lexer already removes backticks).
    /// </summary>
    internal sealed class ScopedTableSet
    {
        public static readonly ScopedTableSet Empty = new ScopedTableSet(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

        private readonly Dictionary<string, string> _columns;

        private ScopedTableSet(Dictionary<string, string> columns)
        {
            _columns = columns;
            OrganizationColumns = new HashSet<string>(columns.Values, StringComparer.OrdinalIgnoreCase);
        }

        public bool IsEmpty => _columns.Count == 0;

        public int Count => _columns.Count;

        /// <summary>Every distinct organization column name (what a derived table may pass through).</summary>
        public HashSet<string> OrganizationColumns { get; }

        public IEnumerable<KeyValuePair<string, string>> Entries => _columns.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase);

        public static ScopedTableSet Create(IEnumerable<KeyValuePair<string, string>> entries)
        {
            var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                var table = Normalize(entry.Key);
                var column = Normalize(entry.Value);
                if (table.Length > 0 && !columns.ContainsKey(table))
                {
                    columns.Add(table, column.Length > 0 ? column : Shared.NamingConvention.DefaultOrganizationColumn);
                }
            }

            return new ScopedTableSet(columns);
        }

        /// <summary>Parses "a, b:org_col, `db`.c" (the .editorconfig value and the assembly attribute's pairs).</summary>
        public static IEnumerable<KeyValuePair<string, string>> ParseList(string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield break;
            }

            foreach (var part in value!.Split(new[] { ',', ';', ' ', '\t', '\n', '\r' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = part.IndexOf(':');
                var table = colon >= 0 ? part.Substring(0, colon) : part;
                var column = colon >= 0 ? part.Substring(colon + 1) : Shared.NamingConvention.DefaultOrganizationColumn;
                yield return new KeyValuePair<string, string>(table, column);
            }
        }

        public ScopedTableSet Union(IEnumerable<KeyValuePair<string, string>> more)
        {
            var added = more.ToList();
            if (added.Count == 0)
            {
                return this;
            }

            return Create(_columns.Concat(added));
        }

        public bool TryGetColumn(string table, out string column)
        {
            if (_columns.TryGetValue(Normalize(table), out var found))
            {
                column = found;
                return true;
            }

            column = string.Empty;
            return false;
        }

        private static string Normalize(string name)
        {
            var trimmed = name.Trim().Replace("`", string.Empty);
            var dot = trimmed.LastIndexOf('.');
            return dot >= 0 ? trimmed.Substring(dot + 1) : trimmed;
        }
    }
}
