using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OrgScope.Generators.Diagnostics;
using OrgScope.Model;
using OrgScope.Shared;
using OrgScope.Generators.Parsing;

namespace OrgScope.Generators.Building
{
    /// <summary>
    /// Cross-entity validation: finds the root, resolves keys, references and InferFrom sources, orders the tables by
    /// dependency and rejects cycles. Produces the <see cref="MigrationModel"/> only when nothing is wrong.
    /// </summary>
    internal sealed partial class ModelBuilder
    {
        private readonly EntityIndex _index;
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private readonly HashSet<(string?, LocationInfo?)> _checkedIdentifiers = new();
        private readonly CancellationToken _cancellationToken;

        // Set when the compiler itself reports the problem (an argument or type that does not bind): no plan, no second diagnostic.
        private bool _withholdPlan;
        private readonly Dictionary<(string, EntityKind), List<PropertySpec>?> _keys = new();
        private EntitySpec? _root;
        private PropertySpec? _rootKeyProperty;
        private KeyColumnModel? _rootKey;

        private ModelBuilder(EquatableArray<EntitySpec> entities, CancellationToken cancellationToken)
        {
            _index = new EntityIndex(entities);
            _cancellationToken = cancellationToken;
        }

        public static BuildResult Build(EquatableArray<EntitySpec> entities, CancellationToken cancellationToken)
        {
            try
            {
                return new ModelBuilder(entities, cancellationToken).Build();
            }
            catch (OperationCanceledException)
            {
                throw;
            }
            catch (Exception ex)
            {
                var failure = DiagnosticInfo.Create(DiagnosticDescriptors.GeneratorFailure, null, "the entity model", ex.GetType().Name + ": " + ex.Message);
                return new BuildResult(null, new[] { failure }.ToEquatableArray());
            }
        }

        private BuildResult Build()
        {
            if (_index.Scoped.Count == 0 && _index.Roots.Count == 0)
            {
                return new BuildResult(null, EquatableArray<DiagnosticInfo>.Empty);
            }

            foreach (var entity in _index.All)
            {
                if (entity.ParseFailure is not null)
                {
                    Report(DiagnosticDescriptors.GeneratorFailure, entity.NameLocation, entity.FullName, entity.ParseFailure);
                }

                _withholdPlan |= entity.HasInvalidArguments;
                CheckIdentifier(entity.Table, "table", entity.Name);
            }

            CheckDuplicateTables();
            ResolveRoot();
            var memberships = ResolveMemberships();

            var tables = new List<ScopedTableModel>();
            var edges = new List<DependencyEdge>();
            foreach (var entity in _index.Scoped)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (BuildTable(entity, memberships, edges) is { } table)
                {
                    tables.Add(table);
                }
            }

            var nodes = _index.Scoped.Select(e => e.FullName).ToList();
            foreach (var cycle in RunOrder.FindCycles(nodes, edges))
            {
                ReportCycle(cycle);
            }

            if (_diagnostics.Count > 0 || _withholdPlan || _root is null || _rootKey is null || tables.Count != _index.Scoped.Count)
            {
                return new BuildResult(null, _diagnostics.ToEquatableArray());
            }

            var levels = RunOrder.Levels(nodes, edges);
            var ordered = tables
                .OrderBy(t => levels[t.EntityName])
                .ThenBy(t => t.Table, StringComparer.Ordinal)
                .ThenBy(t => t.EntityName, StringComparer.Ordinal)
                .ToEquatableArray();
            var root = new OrgRootModel(_root.FullName, _root.Table.Value!, _rootKey.Column, _rootKey.SqlType);
            return new BuildResult(new MigrationModel(root, ordered), EquatableArray<DiagnosticInfo>.Empty);
        }

        private void ResolveRoot()
        {
            var roots = _index.Roots;
            if (roots.Count == 0)
            {
                if (_index.Scoped.Count > 0)
                {
                    var first = _index.Scoped[0];
                    Report(DiagnosticDescriptors.NoOrgRoot, first.NameLocation, first.Name);
                }

                return;
            }

            if (roots.Count > 1)
            {
                foreach (var root in roots)
                {
                    var others = string.Join(", ", roots.Where(r => !ReferenceEquals(r, root)).Select(r => r.FullName));
                    Report(DiagnosticDescriptors.SeveralOrgRoots, root.NameLocation, root.FullName, others);
                }

                return;
            }

            _root = roots[0];
            var key = KeyOf(_root);
            if (key is null)
            {
                return;
            }

            if (key.Count > 1)
            {
                Report(DiagnosticDescriptors.UnsupportedKey, _root.NameLocation,
                    string.Join(", ", key.Select(p => p.Name)), _root.Name,
                    "the [OrgRoot] key must be a single column, since every organization column references it");
                return;
            }

            _rootKeyProperty = key[0];
            _rootKey = new KeyColumnModel(key[0].Column.Value!, key[0].SqlType!);
        }

        /// <summary>
        /// The entity's key properties in key order ([Key], ordered by [Column(Order)] then declaration; else Id), or null
        /// after reporting a missing key or a key property without a supported SQL type.
        /// </summary>
        private List<PropertySpec>? KeyOf(EntitySpec entity)
        {
            if (!_keys.TryGetValue((entity.FullName, entity.Kind), out var key))
            {
                _keys[(entity.FullName, entity.Kind)] = key = ResolveKey(entity);
            }

            return key;
        }

        private List<PropertySpec>? ResolveKey(EntitySpec entity)
        {
            var key = KeyConvention.KeyOf(entity.Properties, p => p.Name, p => p.IsKey, p => p.KeyOrder);

            if (key.Count == 0)
            {
                Report(DiagnosticDescriptors.MissingKey, entity.NameLocation, entity.Name);
                return null;
            }

            var supported = true;
            foreach (var property in key)
            {
                if (property.SqlType is null)
                {
                    Report(DiagnosticDescriptors.UnsupportedKey, property.Location ?? entity.NameLocation, property.Name, entity.Name,
                        $"{property.TypeDisplay} has no supported SQL type (use long, int, short, byte, ulong, uint, ushort, Guid, string with [MaxLength], or [Column(TypeName = ...)])");
                    supported = false;
                }

                supported &= CheckIdentifier(property.Column, "column of key " + property.Name, entity.Name);
            }

            return supported ? key : null;
        }

        private ScopedTableModel? BuildTable(EntitySpec entity, Dictionary<string, MembershipInfo> memberships, List<DependencyEdge> edges)
        {
            var key = KeyOf(entity);
            var columnValid = CheckIdentifier(entity.OrgColumn, "organization column", entity.Name);
            CheckOrgColumnProperty(entity);

            var sources = new List<SourceModel>();
            var dependsOn = new List<string>();
            var sourcesValid = true;
            foreach (var entry in entity.InferFrom)
            {
                var source = ResolveSource(entity, entry, key, memberships, edges);
                if (source is null)
                {
                    sourcesValid = false;
                    continue;
                }

                sources.Add(source);
                if (source.Kind == SourceKind.ScopedReference && !dependsOn.Contains(source.TargetTable))
                {
                    dependsOn.Add(source.TargetTable);
                }
            }

            if (key is null || !columnValid || !sourcesValid || _rootKey is null)
            {
                return null;
            }

            return new ScopedTableModel(
                entity.FullName,
                entity.Table.Value!,
                entity.OrgColumn.Value!,
                _rootKey.SqlType,
                key.Select(p => new KeyColumnModel(p.Column.Value!, p.SqlType!)).ToEquatableArray(),
                sources.ToEquatableArray(),
                entity.OnConflict,
                dependsOn.ToEquatableArray());
        }

        /// <summary>A property the entity already maps to its organization column must have the root key's type.</summary>
        private void CheckOrgColumnProperty(EntitySpec entity)
        {
            if (_rootKey is null)
            {
                return;
            }

            foreach (var property in entity.Properties)
            {
                if (string.Equals(property.Column.Value, entity.OrgColumn.Value, StringComparison.OrdinalIgnoreCase)
                    && !SameSqlType(property.SqlType, _rootKey.SqlType))
                {
                    Report(DiagnosticDescriptors.OrgKeyTypeMismatch, property.Location ?? entity.NameLocation,
                        $"{entity.Name}.{property.Name} (column {property.Column.Value})", Describe(property), RootKeyName(), _rootKey.SqlType);
                }
            }
        }

        private void ReportCycle(List<DependencyEdge> cycle)
        {
            foreach (var edge in cycle)
            {
                // Name the cycle starting from the entity the diagnostic sits on.
                var start = cycle.IndexOf(edge);
                var names = new List<string>();
                for (var i = 0; i < cycle.Count; i++)
                {
                    names.Add(EntityIndex.SimpleName(cycle[(start + i) % cycle.Count].From));
                }

                names.Add(EntityIndex.SimpleName(edge.From));
                Report(DiagnosticDescriptors.InferenceCycle, edge.Location, edge.SourceName, EntityIndex.SimpleName(edge.From), string.Join(" → ", names));
            }
        }

        private bool CheckIdentifier(NamedValue name, string what, string entityName)
        {
            var problem = MySqlIdentifier.Problem(name.Value);
            if (problem is null)
            {
                return true;
            }

            if (_checkedIdentifiers.Add((name.Value, name.Location)))
            {
                Report(DiagnosticDescriptors.InvalidIdentifier, name.Location, name.Value ?? "", what, entityName, problem);
            }

            return false;
        }

        private void CheckDuplicateTables()
        {
            var byTable = new Dictionary<string, List<EntitySpec>>(StringComparer.OrdinalIgnoreCase);
            foreach (var entity in _index.All)
            {
                if (entity.Table.Value is not { } table)
                {
                    continue;
                }

                if (!byTable.TryGetValue(table, out var list))
                {
                    byTable[table] = list = new List<EntitySpec>();
                }

                if (!list.Any(e => e.FullName == entity.FullName))
                {
                    list.Add(entity);
                }
            }

            foreach (var group in byTable.Values)
            {
                if (group.Count < 2)
                {
                    continue;
                }

                foreach (var entity in group)
                {
                    var others = string.Join(", ", group.Where(e => !ReferenceEquals(e, entity)).Select(e => e.FullName));
                    Report(DiagnosticDescriptors.DuplicateTable, entity.Table.Location ?? entity.NameLocation, entity.FullName, entity.Table.Value!, others);
                }
            }
        }

        private string RootKeyName() => $"{_root?.Name}.{_rootKeyProperty?.Name}";

        private static string Describe(PropertySpec property) =>
            property.SqlType ?? $"{property.TypeDisplay} (no supported SQL type)";

        /// <summary>SQL types compare by meaning: the parser upper-cases and normalises spaces.</summary>
        private static bool SameSqlType(string? left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

        private void Report(Microsoft.CodeAnalysis.DiagnosticDescriptor descriptor, LocationInfo? location, params string[] args) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));
    }
}
