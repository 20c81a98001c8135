using System.Collections.Generic;
using System.Linq;
using OrgScope.Generators.Diagnostics;
using OrgScope.Generators.Parsing;

namespace OrgScope.Generators.Building
{
    /// <summary>A validated [OrgMembership]: which entity it is a membership of, and its member, organization and primary columns.</summary>
    internal sealed record MembershipInfo(EntitySpec Entity, string MemberFullName, string MemberColumn, string OrgColumn, string PrimaryColumn);

    internal sealed partial class ModelBuilder
    {
        /// <summary>Every valid membership by full name; invalid ones are reported (ORG112) and left out.</summary>
        private Dictionary<string, MembershipInfo> ResolveMemberships()
        {
            var result = new Dictionary<string, MembershipInfo>();
            foreach (var membership in _index.Memberships)
            {
                if (ResolveMembership(membership) is { } info)
                {
                    result[membership.FullName] = info;
                }
            }

            return result;
        }

        private MembershipInfo? ResolveMembership(EntitySpec membership)
        {
            var member = MembershipProperty(membership, membership.Member, "Member", "the property that references the member entity, e.g. Member = nameof(UserId)");
            var organization = MembershipProperty(membership, membership.Organization, "Organization", "the property that holds the organization id, e.g. Organization = nameof(OrganizationId)");
            var primary = MembershipProperty(membership, membership.Primary, "Primary", "the bool property that marks the primary membership, e.g. Primary = nameof(IsPrimary)");

            string? memberFullName = null;
            if (member is not null)
            {
                var reference = ReferenceResolver.Resolve(member, _index);
                switch (reference.Status)
                {
                    case ReferenceStatus.Found when _index.Find(reference.FullName!, EntityKind.Membership) is null
                        || _index.Find(reference.FullName!, EntityKind.Scoped) is not null:
                        memberFullName = reference.FullName;
                        break;
                    case ReferenceStatus.Ambiguous:
                        Report(DiagnosticDescriptors.AmbiguousReference, membership.Member.Location, member.Name, membership.Name, string.Join(", ", reference.Candidates));
                        break;
                    case ReferenceStatus.Unresolved:
                        _withholdPlan = true;
                        break;
                    default:
                        Report(DiagnosticDescriptors.InvalidMembership, membership.Member.Location, membership.Name,
                            $"Member '{member.Name}' references no [OrgScoped] entity; declare it with [References(typeof(...))] or follow the <Entity>Id convention");
                        break;
                }
            }

            if (organization is not null)
            {
                var reference = ReferenceResolver.Resolve(organization, _index);

                // The attribute itself says this property holds the organization id; only a reference elsewhere is wrong.
                if (reference.Status == ReferenceStatus.Found && _root is not null && reference.FullName != _root.FullName
                    && _index.Find(reference.FullName!, EntityKind.Root) is null)
                {
                    Report(DiagnosticDescriptors.InvalidMembership, membership.Organization.Location, membership.Name,
                        $"Organization '{organization.Name}' references {EntityIndex.SimpleName(reference.FullName!)}, not the [OrgRoot] entity {_root.Name}");
                    organization = null;
                }
                else if (_rootKey is not null && !SameSqlType(organization.SqlType, _rootKey.SqlType))
                {
                    Report(DiagnosticDescriptors.OrgKeyTypeMismatch, membership.Organization.Location,
                        $"{membership.Name}.{organization.Name} (the membership's organization)", Describe(organization), RootKeyName(), _rootKey.SqlType);
                    organization = null;
                }
            }

            if (primary is not null && !primary.IsBoolean)
            {
                Report(DiagnosticDescriptors.InvalidMembership, membership.Primary.Location, membership.Name,
                    $"Primary '{primary.Name}' is {primary.TypeDisplay}; it must be bool");
                primary = null;
            }

            var valid = true;
            foreach (var property in new[] { member, organization, primary })
            {
                valid &= property is not null && CheckIdentifier(property.Column, "column of " + property.Name, membership.Name);
            }

            return valid && memberFullName is not null
                ? new MembershipInfo(membership, memberFullName, member!.Column.Value!, organization!.Column.Value!, primary!.Column.Value!)
                : null;
        }

        private PropertySpec? MembershipProperty(EntitySpec membership, NamedValue argument, string argumentName, string hint)
        {
            if (string.IsNullOrEmpty(argument.Value))
            {
                if (!membership.HasInvalidArguments)
                {
                    Report(DiagnosticDescriptors.InvalidMembership, argument.Location ?? membership.NameLocation, membership.Name,
                        $"{argumentName} is missing; name {hint}");
                }

                return null;
            }

            var property = membership.FindProperty(argument.Value!);
            if (property is null)
            {
                Report(DiagnosticDescriptors.InvalidMembership, argument.Location ?? membership.NameLocation, membership.Name,
                    $"{argumentName} '{argument.Value}' is not a property of {membership.Name}");
            }

            return property;
        }
    }
}
