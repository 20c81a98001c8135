using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using OrgScope.Analyzers.Sinks;
using OrgScope.Analyzers.Sql;
using OrgScope.Shared;

namespace OrgScope.Analyzers.Analyzers
{
    /// <summary>
    /// Which tables are org-scoped: [OrgScoped] entities of this compilation (Table ?? [Table] ?? naming convention;
    /// Column ?? organization_id), [assembly: OrgScopedTables("table:column", ...)] of this and every referenced
    /// assembly (what the generator records, so a consuming project need not read entities), and the
    /// <c>orgscope.scoped_tables</c> analyzer config key.
    /// </summary>
    internal static class ScopedTablesReader
    {
        public const string ConfigKey = "orgscope.scoped_tables";

        public static List<KeyValuePair<string, string>> ReadCompilation(Compilation compilation, KnownSymbols known, CancellationToken cancellationToken)
        {
            var entries = new List<KeyValuePair<string, string>>();
            if (known.OrgScopedAttribute != null)
            {
                CollectEntities(compilation.Assembly.GlobalNamespace, known, entries, cancellationToken);
            }

            CollectAssemblyAttribute(compilation.Assembly, entries);
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                CollectAssemblyAttribute(assembly, entries);
            }

            return entries;
        }

        private static void CollectEntities(INamespaceSymbol ns, KnownSymbols known, List<KeyValuePair<string, string>> into, CancellationToken cancellationToken)
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

        private static void CollectType(INamedTypeSymbol type, KnownSymbols known, List<KeyValuePair<string, string>> into)
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
                into.Add(new KeyValuePair<string, string>(table, scopedColumn ?? NamingConvention.DefaultOrganizationColumn));
            }

            foreach (var nested in type.GetTypeMembers())
            {
                CollectType(nested, known, into);
            }
        }

        private static void CollectAssemblyAttribute(IAssemblySymbol assembly, List<KeyValuePair<string, string>> into)
        {
            foreach (var attribute in assembly.GetAttributes())
            {
                var attributeClass = attribute.AttributeClass;
                if (attributeClass is null || attributeClass.Name != "OrgScopedTablesAttribute" || attributeClass.ContainingNamespace?.ToDisplayString() != "OrgScope")
                {
                    continue;
                }

                foreach (var argument in attribute.ConstructorArguments)
                {
                    if (argument.Kind == TypedConstantKind.Array)
                    {
                        foreach (var item in argument.Values)
                        {
                            into.AddRange(ScopedTableSet.ParseList(item.Value as string));
                        }
                    }
                    else
                    {
                        into.AddRange(ScopedTableSet.ParseList(argument.Value as string));
                    }
                }
            }
        }
    }
}
