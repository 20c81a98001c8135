using System.Collections.Generic;
using OrgScope.Generators.Diagnostics;
using OrgScope.Model;
using OrgScope.Generators.Parsing;

namespace OrgScope.Generators.Building
{
    internal sealed partial class ModelBuilder
    {
        /// <summary>
        /// One InferFrom entry → a source: a property (referencing the root: OrgReference; another scoped entity:
        /// ScopedReference) or, failing that, a membership entity of this entity (Membership). Null after reporting why not.
        /// </summary>
        private SourceModel? ResolveSource(
            EntitySpec entity, NamedValue entry, List<PropertySpec>? key, Dictionary<string, MembershipInfo> memberships, List<DependencyEdge> edges)
        {
            if (string.IsNullOrEmpty(entry.Value))
            {
                if (entity.HasInvalidArguments)
                {
                    return null;
                }

                Report(DiagnosticDescriptors.UnknownSource, entry.Location ?? entity.NameLocation, entry.Value ?? "null", entity.Name);
                return null;
            }

            var name = entry.Value!;
            var property = entity.FindProperty(name);
            if (property is not null)
            {
                return PropertySource(entity, entry, property, edges);
            }

            var candidates = _index.MembershipsNamed(name);
            if (candidates.Count == 0)
            {
                Report(DiagnosticDescriptors.UnknownSource, entry.Location ?? entity.NameLocation, name, entity.Name);
                return null;
            }

            if (candidates.Count > 1)
            {
                Report(DiagnosticDescriptors.AmbiguousReference, entry.Location ?? entity.NameLocation, name, entity.Name,
                    string.Join(", ", candidates.ConvertAll(c => c.FullName)));
                return null;
            }

            if (!memberships.TryGetValue(candidates[0].FullName, out var membership))
            {
                // Invalid membership: already reported (ORG112) on the membership itself.
                return null;
            }

            if (membership.MemberFullName != entity.FullName)
            {
                Report(DiagnosticDescriptors.SourceLeadsNowhere, entry.Location ?? entity.NameLocation, name, entity.Name,
                    $"{membership.Entity.Name} is a membership of {EntityIndex.SimpleName(membership.MemberFullName)}, not of {entity.Name}");
                return null;
            }

            if (key is null)
            {
                return null;
            }

            if (key.Count != 1)
            {
                Report(DiagnosticDescriptors.SourceLeadsNowhere, entry.Location ?? entity.NameLocation, name, entity.Name,
                    $"{entity.Name} has a composite key, and a membership's member column can reference a single-column key only");
                return null;
            }

            return new SourceModel(SourceKind.Membership, name, key[0].Column.Value!, membership.Entity.Table.Value!,
                membership.MemberColumn, membership.OrgColumn, membership.PrimaryColumn);
        }

        private SourceModel? PropertySource(EntitySpec entity, NamedValue entry, PropertySpec property, List<DependencyEdge> edges)
        {
            var location = entry.Location ?? entity.NameLocation;
            var reference = ReferenceResolver.Resolve(property, _index);
            switch (reference.Status)
            {
                case ReferenceStatus.Unresolved:
                    _withholdPlan = true;
                    return null;
                case ReferenceStatus.Ambiguous:
                    Report(DiagnosticDescriptors.AmbiguousReference, location, property.Name, entity.Name, string.Join(", ", reference.Candidates));
                    return null;
                case ReferenceStatus.None:
                    ReportLeadsNowhere(entity, entry, $"'{property.Name}' references no entity; declare it with [References(typeof(...))] or follow the <Entity>Id convention");
                    return null;
                case ReferenceStatus.NotAnnotated:
                    ReportLeadsNowhere(entity, entry, $"'{property.Name}' references {EntityIndex.SimpleName(reference.FullName!)}, which is neither [OrgScoped] nor [OrgRoot]");
                    return null;
            }

            var targetName = reference.FullName!;
            if (_index.Find(targetName, EntityKind.Root) is not null)
            {
                if (_root is null || _rootKey is null)
                {
                    // No single usable root: reported on the root(s) already.
                    return null;
                }

                if (string.Equals(property.Column.Value, entity.OrgColumn.Value, System.StringComparison.OrdinalIgnoreCase))
                {
                    Report(DiagnosticDescriptors.SourceLeadsNowhere, location, property.Name, entity.Name,
                        $"'{property.Name}' is the organization column itself; leave InferFrom empty when the application already fills it");
                    return null;
                }

                if (!SameSqlType(property.SqlType, _rootKey.SqlType))
                {
                    Report(DiagnosticDescriptors.OrgKeyTypeMismatch, location,
                        $"InferFrom source {entity.Name}.{property.Name}", Describe(property), RootKeyName(), _rootKey.SqlType);
                    return null;
                }

                return CheckIdentifier(property.Column, "column of " + property.Name, entity.Name)
                    ? new SourceModel(SourceKind.OrgReference, property.Name, property.Column.Value!, _root.Table.Value!, _rootKey.Column, _rootKey.Column, null)
                    : null;
            }

            if (_index.Find(targetName, EntityKind.Scoped) is { } target)
            {
                edges.Add(new DependencyEdge(entity.FullName, target.FullName, property.Name, location));
                var targetKey = KeyOf(target);
                if (targetKey is null)
                {
                    return null;
                }

                if (targetKey.Count != 1)
                {
                    Report(DiagnosticDescriptors.SourceLeadsNowhere, location, property.Name, entity.Name,
                        $"{target.Name} has a composite key, and a reference can point at a single-column key only");
                    return null;
                }

                return CheckIdentifier(property.Column, "column of " + property.Name, entity.Name)
                    ? new SourceModel(SourceKind.ScopedReference, property.Name, property.Column.Value!, target.Table.Value!,
                        targetKey[0].Column.Value!, target.OrgColumn.Value!, null)
                    : null;
            }

            ReportLeadsNowhere(entity, entry, $"'{property.Name}' references {EntityIndex.SimpleName(targetName)}, which is neither [OrgScoped] nor [OrgRoot]");
            return null;
        }

        private void ReportLeadsNowhere(EntitySpec entity, NamedValue entry, string reason)
        {
            // Without a single root, a reference to the organization entity cannot resolve: ORG109/ORG110 already say why.
            if (_root is null)
            {
                return;
            }

            Report(DiagnosticDescriptors.SourceLeadsNowhere, entry.Location ?? entity.NameLocation, entry.Value!, entity.Name, reason);
        }
    }
}
