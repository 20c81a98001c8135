using System;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>What a pin relies on besides a value the caller supplies. Recorded so that an audit shows where trust was extended.</summary>
    [Flags]
    internal enum PinTrust
    {
        /// <summary>A parameter (or a column pinned by one): nothing but the caller's organization.</summary>
        None = 0,

        /// <summary>The filter also admits <c>orgscope.shared_organization_ids</c>.</summary>
        SharedIds = 1,

        /// <summary>A lookup on the primary key from a pinned row (<c>orgscope.trust_lookup_joins</c>).</summary>
        LookupJoin = 2,
    }

    internal enum ScopedReferenceKind
    {
        /// <summary>A scoped table read or changed (FROM, JOIN, UPDATE, DELETE, in any query of the statement).</summary>
        Table,

        /// <summary>The target of an INSERT/REPLACE: "pinned" means it sets the organization column.</summary>
        InsertTarget,
    }

    /// <summary>One reference to a scoped table in a SQL text and whether the checker verified it (what the audit record counts).</summary>
    internal sealed class ScopedReference
    {
        public ScopedReference(string table, string? alias, int start, int end, ScopedReferenceKind kind, bool pinned, PinTrust trust)
        {
            Table = table;
            Alias = alias;
            Start = start;
            End = end;
            Kind = kind;
            Pinned = pinned;
            Trust = trust;
        }

        public string Table { get; }

        public string? Alias { get; }

        public int Start { get; }

        public int End { get; }

        public ScopedReferenceKind Kind { get; }

        public bool Pinned { get; }

        public PinTrust Trust { get; }
    }
}
