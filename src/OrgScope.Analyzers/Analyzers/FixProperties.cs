using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace OrgScope.Analyzers.Analyzers
{
    /// <summary>
    /// How the analyzer hands a verified SQL fix to the code fix: source insertions (position, text) in the
    /// diagnostic's properties. The code fix adds the C# parameter; it never re-derives the SQL edit.
    /// </summary>
    internal static class FixProperties
    {
        public const string EditCount = "OrgScope.EditCount";
        public const string EditPositionPrefix = "OrgScope.EditPosition";
        public const string EditTextPrefix = "OrgScope.EditText";
        public const string Parameter = "OrgScope.Parameter";

        public static ImmutableDictionary<string, string?> Create(IReadOnlyList<KeyValuePair<int, string>> edits)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            builder[EditCount] = edits.Count.ToString(CultureInfo.InvariantCulture);
            builder[Parameter] = "OrganizationId";
            for (var i = 0; i < edits.Count; i++)
            {
                builder[EditPositionPrefix + i.ToString(CultureInfo.InvariantCulture)] = edits[i].Key.ToString(CultureInfo.InvariantCulture);
                builder[EditTextPrefix + i.ToString(CultureInfo.InvariantCulture)] = edits[i].Value;
            }

            return builder.ToImmutable();
        }

        public static List<KeyValuePair<int, string>>? Read(ImmutableDictionary<string, string?> properties)
        {
            if (!properties.TryGetValue(EditCount, out var countText) || !int.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) || count <= 0)
            {
                return null;
            }

            var edits = new List<KeyValuePair<int, string>>();
            for (var i = 0; i < count; i++)
            {
                var suffix = i.ToString(CultureInfo.InvariantCulture);
                if (!properties.TryGetValue(EditPositionPrefix + suffix, out var positionText)
                    || !int.TryParse(positionText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position)
                    || !properties.TryGetValue(EditTextPrefix + suffix, out var text) || text is null)
                {
                    return null;
                }

                edits.Add(new KeyValuePair<int, string>(position, text));
            }

            return edits;
        }
    }
}
