using System.Collections.Generic;
using OrgScope.Generators.Parsing;

namespace OrgScope.Generators.Building
{
    internal enum ReferenceStatus
    {
        /// <summary>No [References] and no annotated entity matches the naming convention.</summary>
        None,

        /// <summary>[References(typeof(X))] with a type that does not bind: the compiler reports it.</summary>
        Unresolved,

        /// <summary>The convention matches several annotated entities of that simple name.</summary>
        Ambiguous,

        /// <summary>[References(typeof(X))] where X carries no OrgScope attribute.</summary>
        NotAnnotated,

        /// <summary>An annotated entity (<see cref="ResolvedReference.FullName"/>).</summary>
        Found,
    }

    internal readonly struct ResolvedReference
    {
        public ResolvedReference(ReferenceStatus status, string? fullName = null, IReadOnlyList<string>? candidates = null)
        {
            Status = status;
            FullName = fullName;
            Candidates = candidates ?? System.Array.Empty<string>();
        }

        public ReferenceStatus Status { get; }

        public string? FullName { get; }

        public IReadOnlyList<string> Candidates { get; }
    }

    /// <summary>
    /// Which entity a property references: <c>[References(typeof(X))]</c> when declared, else the convention
    /// <c>NameId</c> → the annotated entity named <c>Name</c>. Several candidates are ambiguous: never a guess.
    /// </summary>
    internal static class ReferenceResolver
    {
        public static ResolvedReference Resolve(PropertySpec property, EntityIndex index)
        {
            if (property.References is { } declared)
            {
                if (declared.FullName is null)
                {
                    return new ResolvedReference(ReferenceStatus.Unresolved);
                }

                return index.Contains(declared.FullName)
                    ? new ResolvedReference(ReferenceStatus.Found, declared.FullName)
                    : new ResolvedReference(ReferenceStatus.NotAnnotated, declared.FullName);
            }

            var name = property.Name;
            if (name.Length <= 2 || !name.EndsWith("Id", System.StringComparison.Ordinal))
            {
                return new ResolvedReference(ReferenceStatus.None);
            }

            var candidates = index.Named(name.Substring(0, name.Length - 2));
            return candidates.Count switch
            {
                0 => new ResolvedReference(ReferenceStatus.None),
                1 => new ResolvedReference(ReferenceStatus.Found, candidates[0]),
                _ => new ResolvedReference(ReferenceStatus.Ambiguous, candidates: candidates),
            };
        }
    }
}
