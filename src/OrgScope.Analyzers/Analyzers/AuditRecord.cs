using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using OrgScope.Analyzers.Sql;
using OrgScope.Shared;

namespace OrgScope.Analyzers.Analyzers
{
    /// <summary>
    /// ORG007, one per checked SQL site: what was verified and on what trust, so that an audit can count the statements
    /// that are fine (they produce no warning). The same facts travel in the message (for people) and in the
    /// properties (for `orgscope audit`, which reads them from SARIF's <c>properties.customProperties</c>).
    /// </summary>
    internal sealed class AuditRecord
    {
        public const string Statements = AuditPropertyNames.Statements;
        public const string Unchecked = AuditPropertyNames.Unchecked;
        public const string ScopedTables = AuditPropertyNames.ScopedTables;
        public const string Unpinned = AuditPropertyNames.Unpinned;
        public const string Trust = AuditPropertyNames.Trust;
        public const string Tables = AuditPropertyNames.Tables;

        private readonly Dictionary<string, Entry> _references = new Dictionary<string, Entry>();
        private readonly List<string> _order = new List<string>();
        private int _statements;
        private int _unchecked;
        private int _unknownTables;

        /// <summary>Adds one alternative of the site's SQL; a reference counts as pinned only if it is pinned in every alternative.</summary>
        public void Add(SqlAnalysisResult result)
        {
            _statements = System.Math.Max(_statements, result.ParsedStatements);
            _unchecked = System.Math.Max(_unchecked, result.FailedStatements + result.UnresolvedStatements);
            _unknownTables = System.Math.Max(_unknownTables, result.HoleTables);
            foreach (var reference in result.References)
            {
                var name = reference.Alias is null ? reference.Table : reference.Table + " " + reference.Alias;
                var key = (reference.Kind == ScopedReferenceKind.InsertTarget ? "INSERT " : string.Empty) + name;
                if (_references.TryGetValue(key, out var entry))
                {
                    entry.Pinned &= reference.Pinned;
                    entry.Trust |= reference.Trust;
                }
                else
                {
                    _references.Add(key, new Entry(key, reference.Pinned, reference.Trust));
                    _order.Add(key);
                }
            }
        }

        public string Summary()
        {
            var statements = _statements == 1 ? "1 statement" : _statements.ToString(CultureInfo.InvariantCulture) + " statements";
            if (_unchecked > 0)
            {
                statements += " (" + _unchecked.ToString(CultureInfo.InvariantCulture) + " not checked)";
            }

            if (_unknownTables > 0)
            {
                statements += " (" + _unknownTables.ToString(CultureInfo.InvariantCulture) + (_unknownTables == 1 ? " table" : " tables") + " named by a value)";
            }

            if (_order.Count == 0)
            {
                return statements + ", no org-scoped table";
            }

            return statements + "; " + string.Join(", ", _order.Select(k => _references[k].Describe()));
        }

        public ImmutableDictionary<string, string?> Properties()
        {
            var entries = _order.Select(k => _references[k]).ToList();
            var trust = entries.Where(e => e.Pinned).Aggregate(PinTrust.None, (all, e) => all | e.Trust);
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            builder[Statements] = _statements.ToString(CultureInfo.InvariantCulture);
            builder[Unchecked] = _unchecked.ToString(CultureInfo.InvariantCulture);
            builder[ScopedTables] = entries.Count.ToString(CultureInfo.InvariantCulture);
            builder[Unpinned] = entries.Count(e => !e.Pinned).ToString(CultureInfo.InvariantCulture);
            builder[Trust] = TrustNames(trust);
            builder[Tables] = string.Join("; ", entries.Select(e => e.Name + "=" + (e.Pinned ? (e.Trust == PinTrust.None ? "pinned" : TrustNames(e.Trust)) : "unpinned")));
            return builder.ToImmutable();
        }

        /// <summary>"shared-ids", "lookup-join", "shared-ids,lookup-join" or "": what `orgscope audit` lists as extended trust.</summary>
        public static string TrustNames(PinTrust trust)
        {
            var names = new List<string>();
            if ((trust & PinTrust.SharedIds) != 0)
            {
                names.Add(AuditPropertyNames.SharedIdsTrust);
            }

            if ((trust & PinTrust.LookupJoin) != 0)
            {
                names.Add(AuditPropertyNames.LookupJoinTrust);
            }

            return string.Join(",", names);
        }

        private sealed class Entry
        {
            public Entry(string name, bool pinned, PinTrust trust)
            {
                Name = name;
                Pinned = pinned;
                Trust = trust;
            }

            public string Name { get; }

            public bool Pinned { get; set; }

            public PinTrust Trust { get; set; }

            public string Describe()
            {
                if (!Pinned)
                {
                    return Name.StartsWith("INSERT ", System.StringComparison.Ordinal) ? Name + " without the organization column" : Name + " not pinned";
                }

                if (Name.StartsWith("INSERT ", System.StringComparison.Ordinal))
                {
                    return Name + " sets the organization column";
                }

                switch (Trust)
                {
                    case PinTrust.None:
                        return Name + " pinned";
                    case PinTrust.SharedIds:
                        return Name + " pinned (admits the shared organization ids)";
                    case PinTrust.LookupJoin:
                        return Name + " pinned by a trusted lookup join";
                    default:
                        return Name + " pinned by a trusted lookup join (admits the shared organization ids)";
                }
            }
        }
    }
}
