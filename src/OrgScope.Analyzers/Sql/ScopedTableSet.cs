using System;
using System.Collections.Generic;
using System.Linq;
using OrgScope.Analyzers.Configuration;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>
    /// The org-scoped tables, each one's organization column and (when known) its primary key. Matching is
    /// case-insensitive; schema prefixes and backticks are stripped before lookup (the lexer already removes backticks).
    /// </summary>
    internal sealed class ScopedTableSet
    {
        public static readonly ScopedTableSet Empty = new ScopedTableSet(new Dictionary<string, ScopedTable>(StringComparer.OrdinalIgnoreCase));

        private readonly Dictionary<string, ScopedTable> _tables;

        private ScopedTableSet(Dictionary<string, ScopedTable> tables)
        {
            _tables = tables;
            OrganizationColumns = new HashSet<string>(tables.Values.SelectMany(t => t.Columns), StringComparer.OrdinalIgnoreCase);
        }

        public bool IsEmpty => _tables.Count == 0;

        public int Count => _tables.Count;

        /// <summary>Every distinct organization column name (what a derived table may pass through).</summary>
        public HashSet<string> OrganizationColumns { get; }

        /// <summary>
        /// The first entry of a table decides its column (the compilation's entities come before configuration); the
        /// first entry that names a key gives the key. An entry without a column takes <paramref name="defaultColumn"/>,
        /// else organization_id.
        /// </summary>
        public static ScopedTableSet Create(IEnumerable<ScopedTableEntry> entries, string? defaultColumn = null) =>
            Create(entries, string.IsNullOrWhiteSpace(defaultColumn) ? null : new[] { defaultColumn! });

        /// <summary>As <see cref="Create(IEnumerable{ScopedTableEntry}, string?)"/>, with a default of several columns (<c>SiteID|SiteGuid</c>).</summary>
        public static ScopedTableSet Create(IEnumerable<ScopedTableEntry> entries, IReadOnlyList<string>? defaultColumns)
        {
            var fallback = defaultColumns is null || defaultColumns.Count == 0
                ? new[] { Shared.NamingConvention.DefaultOrganizationColumn }
                : defaultColumns.Select(Normalize).ToArray();
            var tables = new Dictionary<string, ScopedTable>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in entries)
            {
                var name = Normalize(entry.Table);
                if (name.Length == 0)
                {
                    continue;
                }

                var key = entry.Key.Select(Normalize).Where(k => k.Length > 0).ToArray();
                if (tables.TryGetValue(name, out var existing))
                {
                    if (existing.Key.Count == 0 && key.Length > 0)
                    {
                        tables[name] = new ScopedTable(existing.Columns, key);
                    }

                    continue;
                }

                var columns = entry.Columns.Select(Normalize).Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
                tables.Add(name, new ScopedTable(columns.Length > 0 ? columns : fallback, key));
            }

            return new ScopedTableSet(tables);
        }

        /// <summary>The valid entries of a list ("a, b:org_col, users(id):ClientId"); see <see cref="ScopedTableEntry"/>.</summary>
        public static IEnumerable<ScopedTableEntry> ParseList(string? value) => ParseList(value, null);

        /// <summary>The valid entries of a list; the text of each invalid part and why goes to <paramref name="errors"/>.</summary>
        public static IEnumerable<ScopedTableEntry> ParseList(string? value, List<string>? errors)
        {
            var entries = new List<ScopedTableEntry>();
            foreach (var part in ScopedTableEntry.SplitList(value))
            {
                if (ScopedTableEntry.TryParse(part, out var entry, out var error))
                {
                    entries.Add(entry!);
                }
                else
                {
                    errors?.Add("'" + part.Trim() + "': " + error);
                }
            }

            return entries;
        }

        public bool TryGetColumn(string table, out string column)
        {
            if (_tables.TryGetValue(Normalize(table), out var found))
            {
                column = found.Column;
                return true;
            }

            column = string.Empty;
            return false;
        }

        public bool TryGetTable(string table, out ScopedTable scoped) => _tables.TryGetValue(Normalize(table), out scoped!);

        private static string Normalize(string name)
        {
            var trimmed = name.Trim().Replace("`", string.Empty);
            var dot = trimmed.LastIndexOf('.');
            return dot >= 0 ? trimmed.Substring(dot + 1) : trimmed;
        }
    }

    /// <summary>A scoped table's organization column(s) and primary key columns (empty when not known).</summary>
    internal sealed class ScopedTable
    {
        public ScopedTable(IReadOnlyList<string> columns, IReadOnlyList<string> key)
        {
            Columns = columns;
            Key = key;
        }

        /// <summary>The column messages and fixes name: the first configured.</summary>
        public string Column => Columns[0];

        /// <summary>Every column that names the table's organization; a pin on any of them pins the table.</summary>
        public IReadOnlyList<string> Columns { get; }

        public IReadOnlyList<string> Key { get; }
    }
}
