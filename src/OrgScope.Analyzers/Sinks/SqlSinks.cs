using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OrgScope.Analyzers.Sinks
{
    /// <summary>
    /// Where SQL enters the database: Dapper's <c>sql</c> parameters and <c>CommandDefinition</c>, a DbCommand's or
    /// DbBatchCommand's <c>CommandText</c> and constructors (MySqlConnector's MySqlCommand included), EF Core's raw SQL
    /// methods, a library method's <c>commandText</c> parameter (MySql.Data's MySqlHelper, SqlHelper), and any
    /// parameter, property or field marked <c>[OrgScope.Sql]</c>.
    /// </summary>
    internal static class SqlSinks
    {
        public static IArgumentOperation? FindSqlArgument(IInvocationOperation invocation, KnownSymbols known) =>
            FindSqlArgument(invocation, SqlParametersOf(invocation.TargetMethod, known));

        /// <summary>The argument of the first parameter <paramref name="sqlParameters"/> flags (<see cref="SqlParametersOf"/>).</summary>
        public static IArgumentOperation? FindSqlArgument(IInvocationOperation invocation, bool[] sqlParameters)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter is { } parameter && parameter.Ordinal < sqlParameters.Length && sqlParameters[parameter.Ordinal])
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>
        /// Per parameter of <paramref name="method"/>: does it take SQL (Dapper's and EF Core's <c>sql</c>, a library's
        /// command text, <c>[Sql]</c>)? It depends on the method alone, so an analysis can keep it per method.
        /// </summary>
        public static bool[] SqlParametersOf(IMethodSymbol method, KnownSymbols known)
        {
            var type = method.ContainingType;
            var isDapper = known.SqlMapper != null && SymbolEqualityComparer.Default.Equals(type, known.SqlMapper);
            var isEf = (known.RelationalQueryableExtensions != null && SymbolEqualityComparer.Default.Equals(type, known.RelationalQueryableExtensions))
                || (known.RelationalDatabaseFacadeExtensions != null && SymbolEqualityComparer.Default.Equals(type, known.RelationalDatabaseFacadeExtensions));
            var fromLibrary = !IsInSource(method);
            var parameters = method.Parameters;
            var flags = new bool[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                var parameter = parameters[i];
                flags[i] = ((isDapper || isEf) && parameter.Name == "sql" && IsSqlType(parameter.Type))
                    || (fromLibrary && IsCommandTextParameter(parameter))
                    || HasSqlAttribute(parameter, known);
            }

            return flags;
        }

        public static IArgumentOperation? FindSqlArgument(IObjectCreationOperation creation, KnownSymbols known)
        {
            var type = creation.Type as INamedTypeSymbol;
            if (creation.Constructor is null || type is null)
            {
                return null;
            }

            var isCommandDefinition = known.CommandDefinition != null && SymbolEqualityComparer.Default.Equals(type, known.CommandDefinition);
            var isCommand = IsCommandType(type, known);
            foreach (var argument in creation.Arguments)
            {
                var parameter = argument.Parameter;
                if (parameter is null)
                {
                    continue;
                }

                if (isCommandDefinition && parameter.Name == "commandText")
                {
                    return argument;
                }

                if (IsCommandTextParameter(parameter) && !IsInSource(creation.Constructor))
                {
                    return argument;
                }

                // MySqlCommand(string commandText, ...), SqlCommand(string cmdText, ...).
                if (isCommand && parameter.Type.SpecialType == SpecialType.System_String
                    && parameter.Name.IndexOf("text", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return argument;
                }

                if (HasSqlAttribute(parameter, known))
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>True when the assignment writes SQL: DbCommand.CommandText or an [Sql] property or field.</summary>
        public static bool IsSqlAssignment(ISimpleAssignmentOperation assignment, KnownSymbols known, out string sinkName)
        {
            sinkName = string.Empty;
            switch (assignment.Target)
            {
                case IPropertyReferenceOperation property:
                    if (property.Property.Name == "CommandText" && IsCommandType(property.Property.ContainingType, known))
                    {
                        sinkName = property.Property.ContainingType.Name + ".CommandText";
                        return true;
                    }

                    if (HasSqlAttribute(property.Property, known))
                    {
                        sinkName = property.Property.Name;
                        return true;
                    }

                    return false;
                case IFieldReferenceOperation field when HasSqlAttribute(field.Field, known):
                    sinkName = field.Field.Name;
                    return true;
                default:
                    return false;
            }
        }

        public static bool HasSqlAttribute(ISymbol symbol, KnownSymbols known)
        {
            if (known.SqlAttribute is null)
            {
                return false;
            }

            foreach (var attribute in symbol.GetAttributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, known.SqlAttribute))
                {
                    return true;
                }
            }

            // An override or implementation inherits the marker of what it overrides.
            if (symbol is IParameterSymbol parameter && parameter.ContainingSymbol is IMethodSymbol method && method.OverriddenMethod != null
                && parameter.Ordinal < method.OverriddenMethod.Parameters.Length)
            {
                return HasSqlAttribute(method.OverriddenMethod.Parameters[parameter.Ordinal], known);
            }

            return false;
        }

        /// <summary>
        /// ADO.NET's name for SQL text: <c>commandText</c>, <c>cmdText</c>, <c>selectCommandText</c>. Taken as a sink in
        /// libraries the analyzer cannot look into (MySql.Data's MySqlHelper, the Data Application Block's SqlHelper,
        /// MySqlBatchCommand, data adapters); a method in the compilation is followed to its real sink instead.
        /// </summary>
        private static bool IsCommandTextParameter(IParameterSymbol parameter) =>
            parameter.Type.SpecialType == SpecialType.System_String
            && (parameter.Name == "cmdText" || parameter.Name.EndsWith("CommandText", StringComparison.Ordinal) || parameter.Name == "commandText");

        private static bool IsInSource(IMethodSymbol method) => !method.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty;

        /// <summary>
        /// [Sql] on the parameter, on what it overrides, or on the interface member its method implements: a sink in an
        /// implementation whose interface parameter is marked is checked at the interface's call sites.
        /// </summary>
        public static bool HasSqlAttributeOrInherited(IParameterSymbol parameter, KnownSymbols known)
        {
            if (HasSqlAttribute(parameter, known))
            {
                return true;
            }

            return parameter.ContainingSymbol is IMethodSymbol method
                && InterfaceMembersOf(method).Any(m => parameter.Ordinal < m.Parameters.Length && HasSqlAttribute(m.Parameters[parameter.Ordinal], known));
        }

        /// <summary>The interface methods <paramref name="method"/> implements (explicitly or implicitly).</summary>
        public static IEnumerable<IMethodSymbol> InterfaceMembersOf(IMethodSymbol method)
        {
            foreach (var explicitMember in method.ExplicitInterfaceImplementations)
            {
                yield return explicitMember;
            }

            var type = method.ContainingType;
            if (type is null || method.MethodKind != MethodKind.Ordinary || method.DeclaredAccessibility != Accessibility.Public)
            {
                yield break;
            }

            foreach (var iface in type.AllInterfaces)
            {
                foreach (var member in iface.GetMembers(method.Name))
                {
                    if (member is IMethodSymbol candidate && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate), method))
                    {
                        yield return candidate;
                    }
                }
            }
        }

        private static bool IsSqlType(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_String || type.Name == "FormattableString";

        private static bool IsCommandType(INamedTypeSymbol? type, KnownSymbols known)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if ((known.DbCommand != null && SymbolEqualityComparer.Default.Equals(current, known.DbCommand))
                    || (known.DbBatchCommand != null && SymbolEqualityComparer.Default.Equals(current, known.DbBatchCommand)))
                {
                    return true;
                }
            }

            if (type != null && known.IDbCommand != null)
            {
                if (SymbolEqualityComparer.Default.Equals(type, known.IDbCommand))
                {
                    return true;
                }

                foreach (var iface in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(iface, known.IDbCommand))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
