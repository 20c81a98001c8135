using System.Text;

namespace OrgScope.Plan.Rendering.Sql
{
    /// <summary>
    /// Deterministic names of the index, foreign key and insert trigger OrgScope adds: ix_&lt;table&gt;_&lt;column&gt;,
    /// fk_&lt;table&gt;_&lt;column&gt; and orgscope_bi_&lt;table&gt;.
    /// MySQL caps names at 64 characters, so a longer name keeps its first 55 and ends with _ and a stable 8-hex hash of
    /// the full name: still readable, still unique per (table, column), and the same on every build.
    /// </summary>
    internal static class SchemaObjectNames
    {
        public const int MaxLength = 64;
        private const int HashLength = 8;

        public static string Index(string table, string column) => Fit("ix_" + table + "_" + column);

        public static string ForeignKey(string table, string column) => Fit("fk_" + table + "_" + column);

        /// <summary>004's BEFORE INSERT trigger on the table: orgscope_bi_&lt;table&gt;.</summary>
        public static string InsertTrigger(string table) => Fit("orgscope_bi_" + table);

        public static string Fit(string name)
        {
            if (name.Length <= MaxLength)
            {
                return name;
            }

            return name.Substring(0, MaxLength - HashLength - 1) + "_" + Fnv1a32(name).ToString("x8");
        }

        // FNV-1a over UTF-8: tiny, stable across runtimes and processes (string.GetHashCode is randomized).
        private static uint Fnv1a32(string text)
        {
            var hash = 2166136261u;
            foreach (var b in Encoding.UTF8.GetBytes(text))
            {
                hash = unchecked((hash ^ b) * 16777619u);
            }

            return hash;
        }
    }
}
