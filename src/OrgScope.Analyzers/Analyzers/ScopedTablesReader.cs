using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using OrgScope.Analyzers.Configuration;
using OrgScope.Analyzers.Sinks;
using OrgScope.Analyzers.Sql;
using OrgScope.Shared;

namespace OrgScope.Analyzers.Analyzers
{
    /// <summary>
    /// The scoped tables the code declares: [OrgScoped] entities of this compilation (Table ?? [Table] ?? naming
    /// convention; Column ?? organization_id; the key by <see cref="KeyConvention"/>), and
    /// [assembly: OrgScopedTables("table:column", ..., Keys = ...)] of this and every referenced assembly (what the
    /// generator records, so a consuming project need not read entities). Configuration comes on top
    /// (<see cref="ScopeConfiguration"/>).
    /// </summary>
    internal static class ScopedTablesReader
    {
        public static List<ScopedTableEntry> ReadCompilation(Compilation compilation, KnownSymbols known, CancellationToken cancellationToken)
        {
            var entries = new List<ScopedTableEntry>();
            if (known.OrgScopedAttribute != null)
            {
                CollectEntities(compilation.Assembly.GlobalNamespace, known, entries, cancellationToken);
            }

            CollectAssemblyAttribute(compilation.Assembly, entries);
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (MayCarryTablesAttribute(assembly))
                {
                    CollectAssemblyAttribute(assembly, entries);
                }
            }

            return entries;
        }

        private static void CollectEntities(INamespaceSymbol ns, KnownSymbols known, List<ScopedTableEntry> into, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in ns.GetMembers())
            {
                if (member is INamespaceSymbol child)
                {
                    CollectEntities(child, known, into, cancellationToken);
                }
                else if (member is INamedTypeSymbol type)
                {
                    CollectType(type, known, into);
                }
            }
        }

        private static void CollectType(INamedTypeSymbol type, KnownSymbols known, List<ScopedTableEntry> into)
        {
            string? scopedTable = null;
            string? scopedColumn = null;
            string? tableAttribute = null;
            var isScoped = false;
            foreach (var attribute in type.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.OrgScopedAttribute))
                {
                    isScoped = true;
                    foreach (var named in attribute.NamedArguments)
                    {
                        if (named.Key == "Table")
                        {
                            scopedTable = named.Value.Value as string;
                        }
                        else if (named.Key == "Column")
                        {
                            scopedColumn = named.Value.Value as string;
                        }
                    }
                }
                else if (known.TableAttribute != null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.TableAttribute)
                         && attribute.ConstructorArguments.Length == 1)
                {
                    tableAttribute = attribute.ConstructorArguments[0].Value as string;
                }
            }

            if (isScoped)
            {
                var table = scopedTable ?? tableAttribute ?? NamingConvention.TableName(type.Name);
                into.Add(new ScopedTableEntry(table, scopedColumn ?? NamingConvention.DefaultOrganizationColumn, KeyColumns(type, known)));
            }

            foreach (var nested in type.GetTypeMembers())
            {
                CollectType(nested, known, into);
            }
        }

        /// <summary>The entity's key columns as the generator reads them ([Key], else Id; [Column("name")] else the convention).</summary>
        private static IReadOnlyList<string> KeyColumns(INamedTypeSymbol type, KnownSymbols known)
        {
            var properties = new List<MappedProperty>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var chain = new List<INamedTypeSymbol>();
            for (var current = type; current != null && current.SpecialType != SpecialType.System_Object && chain.Count < 32; current = current.BaseType)
            {
                chain.Add(current);
            }

            for (var i = chain.Count - 1; i >= 0; i--)
            {
                foreach (var member in chain[i].GetMembers())
                {
                    if (member is IPropertySymbol property && !property.IsStatic && !property.IsIndexer && seen.Add(property.Name))
                    {
                        properties.Add(MappedProperty.Read(property, known));
                    }
                }
            }

            return KeyConvention.KeyOf(properties, p => p.Name, p => p.IsKey, p => p.KeyOrder).Select(p => p.Column).ToList();
        }

        /// <summary>
        /// Only an assembly that references OrgScope.Abstractions (where the attribute lives) or declares an attribute of
        /// that name itself can carry it. Decoding the attributes of every referenced assembly (about 170 for a net10.0
        /// project: the framework's reference assemblies) cost about a tenth of the analyzer's time on issue 12's project.
        /// </summary>
        private static bool MayCarryTablesAttribute(IAssemblySymbol assembly)
        {
            foreach (var module in assembly.Modules)
            {
                foreach (var reference in module.ReferencedAssemblies)
                {
                    if (reference.Name == "OrgScope.Abstractions")
                    {
                        return true;
                    }
                }
            }

            return assembly.GetTypeByMetadataName("OrgScope.OrgScopedTablesAttribute") != null;
        }

        private static void CollectAssemblyAttribute(IAssemblySymbol assembly, List<ScopedTableEntry> into)
        {
            foreach (var attribute in assembly.GetAttributes())
            {
                var attributeClass = attribute.AttributeClass;
                if (attributeClass is null || attributeClass.Name != "OrgScopedTablesAttribute" || attributeClass.ContainingNamespace?.ToDisplayString() != "OrgScope")
                {
                    continue;
                }

                var pairs = new List<ScopedTableEntry>();
                foreach (var argument in attribute.ConstructorArguments)
                {
                    foreach (var text in Strings(argument))
                    {
                        pairs.AddRange(ScopedTableSet.ParseList(text));
                    }
                }

                // Keys (a named argument, newer generators only) add the key to the pair of the same table.
                var keys = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
                foreach (var named in attribute.NamedArguments)
                {
                    if (named.Key == "Keys")
                    {
                        foreach (var key in Strings(named.Value).SelectMany(ScopedTableSet.ParseList))
                        {
                            if (key.Key.Count > 0 && !keys.ContainsKey(key.Table))
                            {
                                keys.Add(key.Table, key.Key);
                            }
                        }
                    }
                }

                foreach (var pair in pairs)
                {
                    into.Add(pair.Key.Count == 0 && keys.TryGetValue(pair.Table, out var key) ? new ScopedTableEntry(pair.Table, pair.Column, key) : pair);
                }
            }
        }

        private static IEnumerable<string?> Strings(TypedConstant argument) =>
            argument.Kind == TypedConstantKind.Array
                ? argument.Values.Select(v => v.Value as string)
                : new[] { argument.Value as string };

        private sealed class MappedProperty
        {
            private MappedProperty(string name, string column, bool isKey, int keyOrder)
            {
                Name = name;
                Column = column;
                IsKey = isKey;
                KeyOrder = keyOrder;
            }

            public string Name { get; }

            public string Column { get; }

            public bool IsKey { get; }

            public int KeyOrder { get; }

            public static MappedProperty Read(IPropertySymbol property, KnownSymbols known)
            {
                var column = NamingConvention.ColumnName(property.Name);
                var isKey = false;
                var keyOrder = int.MaxValue;
                foreach (var attribute in property.GetAttributes())
                {
                    var attributeClass = attribute.AttributeClass;
                    if (attributeClass != null && SymbolEqualityComparer.Default.Equals(attributeClass, known.KeyAttribute))
                    {
                        isKey = true;
                    }
                    else if (attributeClass != null && SymbolEqualityComparer.Default.Equals(attributeClass, known.ColumnAttribute))
                    {
                        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                        {
                            column = name;
                        }

                        foreach (var named in attribute.NamedArguments)
                        {
                            if (named.Key == "Order" && named.Value.Value is int order)
                            {
                                keyOrder = order;
                            }
                        }
                    }
                }

                return new MappedProperty(property.Name, column, isKey, keyOrder);
            }
        }
    }
}
