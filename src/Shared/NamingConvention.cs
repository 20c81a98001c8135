using System.Text;

namespace OrgScope.Shared
{
    /// <summary>
    /// The table and column naming convention shared by the generator and the analyzer (linked into both, so the
    /// two can never disagree about which table an entity maps to): snake_case, tables plural.
    /// </summary>
    internal static class NamingConvention
    {
        public const string DefaultOrganizationColumn = "organization_id";

        /// <summary>"UserReward" → "user_rewards", "Category" → "categories", "Box" → "boxes".</summary>
        public static string TableName(string typeName) => Pluralize(SnakeCase(typeName));

        /// <summary>"CurrentOrganizationId" → "current_organization_id", "HTTPCode" → "http_code".</summary>
        public static string ColumnName(string propertyName) => SnakeCase(propertyName);

        public static string SnakeCase(string name)
        {
            var builder = new StringBuilder(name.Length + 8);
            for (var i = 0; i < name.Length; i++)
            {
                var c = name[i];
                if (char.IsUpper(c))
                {
                    var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                    var endOfAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                    if (builder.Length > 0 && builder[builder.Length - 1] != '_' && (previousIsLowerOrDigit || endOfAcronym))
                    {
                        builder.Append('_');
                    }

                    builder.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        public static string Pluralize(string word)
        {
            if (word.Length == 0)
            {
                return word;
            }

            // Ordinal comparisons: string.EndsWith(string) is culture-sensitive on netstandard2.0.
            if (EndsWith(word, "y") && word.Length > 1 && !IsVowel(word[word.Length - 2]))
            {
                return word.Substring(0, word.Length - 1) + "ies";
            }

            if (EndsWith(word, "s") || EndsWith(word, "x") || EndsWith(word, "z") || EndsWith(word, "ch") || EndsWith(word, "sh"))
            {
                return word + "es";
            }

            return word + "s";
        }

        private static bool EndsWith(string word, string suffix) => word.EndsWith(suffix, System.StringComparison.Ordinal);

        private static bool IsVowel(char c) => "aeiou".IndexOf(c) >= 0;
    }
}
