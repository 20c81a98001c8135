using System;
using System.Collections.Generic;
using System.Linq;

namespace OrgScope.Shared
{
    /// <summary>
    /// Which properties form an entity's primary key, shared by the generator (keyset batches, the key it records for
    /// the analyzer) and the analyzer (lookup joins), so the two can never disagree: the <c>[Key]</c> properties ordered
    /// by <c>[Column(Order)]</c> then declaration, else a property named Id (any case).
    /// </summary>
    internal static class KeyConvention
    {
        /// <param name="properties">Mapped properties in declaration order (base type first).</param>
        public static List<T> KeyOf<T>(IReadOnlyList<T> properties, Func<T, string> name, Func<T, bool> isKey, Func<T, int> keyOrder)
        {
            var key = properties
                .Select((property, position) => (property, position))
                .Where(p => isKey(p.property))
                .OrderBy(p => keyOrder(p.property))
                .ThenBy(p => p.position)
                .Select(p => p.property)
                .ToList();
            if (key.Count == 0)
            {
                foreach (var property in properties)
                {
                    if (string.Equals(name(property), "Id", StringComparison.OrdinalIgnoreCase))
                    {
                        key.Add(property);
                        break;
                    }
                }
            }

            return key;
        }
    }
}
