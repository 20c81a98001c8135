using System;
using System.Collections.Generic;
using OrgScope.Generators.Parsing;

namespace OrgScope.Generators.Building
{
    /// <summary>The annotated entities of a compilation, by role, full name and simple name (for the <c>XId</c> → <c>X</c> convention).</summary>
    internal sealed class EntityIndex
    {
        private readonly Dictionary<string, List<EntitySpec>> _byFullName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<string>> _fullNamesBySimpleName = new(StringComparer.Ordinal);

        public EntityIndex(IEnumerable<EntitySpec> entities)
        {
            foreach (var entity in entities)
            {
                All.Add(entity);
                (entity.Kind switch
                {
                    EntityKind.Scoped => Scoped,
                    EntityKind.Root => Roots,
                    _ => Memberships,
                }).Add(entity);

                if (!_byFullName.TryGetValue(entity.FullName, out var specs))
                {
                    _byFullName[entity.FullName] = specs = new List<EntitySpec>();
                    if (!_fullNamesBySimpleName.TryGetValue(entity.Name, out var fullNames))
                    {
                        _fullNamesBySimpleName[entity.Name] = fullNames = new List<string>();
                    }

                    fullNames.Add(entity.FullName);
                }

                specs.Add(entity);
            }
        }

        public List<EntitySpec> All { get; } = new();

        public List<EntitySpec> Scoped { get; } = new();

        public List<EntitySpec> Roots { get; } = new();

        public List<EntitySpec> Memberships { get; } = new();

        public bool Contains(string fullName) => _byFullName.ContainsKey(fullName);

        public EntitySpec? Find(string fullName, EntityKind kind)
        {
            if (_byFullName.TryGetValue(fullName, out var specs))
            {
                foreach (var spec in specs)
                {
                    if (spec.Kind == kind)
                    {
                        return spec;
                    }
                }
            }

            return null;
        }

        /// <summary>Full names of the annotated entities with this simple name (any role), in full-name order.</summary>
        public IReadOnlyList<string> Named(string simpleName) =>
            _fullNamesBySimpleName.TryGetValue(simpleName, out var fullNames) ? fullNames : Array.Empty<string>();

        /// <summary>The [OrgMembership] entities with this simple name.</summary>
        public List<EntitySpec> MembershipsNamed(string simpleName)
        {
            var result = new List<EntitySpec>();
            foreach (var fullName in Named(simpleName))
            {
                if (Find(fullName, EntityKind.Membership) is { } membership)
                {
                    result.Add(membership);
                }
            }

            return result;
        }

        public static string SimpleName(string fullName)
        {
            var dot = fullName.LastIndexOf('.');
            return dot < 0 ? fullName : fullName.Substring(dot + 1);
        }
    }
}
