using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace OrgScope.Analyzers.Analyzers
{
    /// <summary>
    /// How the analyzer hands a verified SQL fix to the code fix: source insertions (position, text) in the
    /// diagnostic's properties. The code fix adds the C# parameter; it never re-derives the SQL edit. Where one SQL
    /// text has several fixable findings of a rule, each also carries the insertions that fix them all together
    /// (Fix All and <c>dotnet format</c> apply those once per call instead of edits that would collide).
    /// </summary>
    internal static class FixProperties
    {
        public const string Parameter = "OrgScope.Parameter";

        private const string Own = "OrgScope.Edit";
        private const string Together = "OrgScope.TogetherEdit";

        public static ImmutableDictionary<string, string?> Create(IReadOnlyList<KeyValuePair<int, string>> edits, IReadOnlyList<KeyValuePair<int, string>>? together)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            builder[Parameter] = "OrganizationId";
            Write(builder, Own, edits);
            if (together != null)
            {
                Write(builder, Together, together);
            }

            return builder.ToImmutable();
        }

        /// <summary>This finding's own fix.</summary>
        public static List<KeyValuePair<int, string>>? Read(ImmutableDictionary<string, string?> properties) => Read(properties, Own);

        /// <summary>The fix of every fixable finding of this rule in the same SQL, when there are several.</summary>
        public static List<KeyValuePair<int, string>>? ReadTogether(ImmutableDictionary<string, string?> properties) => Read(properties, Together);

        private static void Write(ImmutableDictionary<string, string?>.Builder builder, string prefix, IReadOnlyList<KeyValuePair<int, string>> edits)
        {
            builder[prefix + "Count"] = edits.Count.ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < edits.Count; i++)
            {
                builder[prefix + "Position" + i.ToString(CultureInfo.InvariantCulture)] = edits[i].Key.ToString(CultureInfo.InvariantCulture);
                builder[prefix + "Text" + i.ToString(CultureInfo.InvariantCulture)] = edits[i].Value;
            }
        }

        private static List<KeyValuePair<int, string>>? Read(ImmutableDictionary<string, string?> properties, string prefix)
        {
            if (!properties.TryGetValue(prefix + "Count", out var countText) || !int.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                return null;
            }

            var edits = new List<KeyValuePair<int, string>>();
            for (var i = 0; i < count; i++)
            {
                var suffix = i.ToString(CultureInfo.InvariantCulture);
                if (!properties.TryGetValue(prefix + "Position" + suffix, out var positionText)
                    || !int.TryParse(positionText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position)
                    || !properties.TryGetValue(prefix + "Text" + suffix, out var text) || text is null)
                {
                    return null;
                }

                edits.Add(new KeyValuePair<int, string>(position, text));
            }

            return edits;
        }
    }
}
