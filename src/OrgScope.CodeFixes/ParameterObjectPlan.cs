using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace OrgScope.CodeFixes
{
    /// <summary>
    /// How a fixed Dapper call will supply @OrganizationId: it already does (an anonymous member or a typed
    /// property of that name), by a new anonymous member, or by a new <c>new { OrganizationId = ... }</c> argument.
    /// Null when there is no correct way (no value in scope, DynamicParameters, not a Dapper call): then no fix.
    /// </summary>
    internal sealed class ParameterObjectPlan
    {
        private static readonly string[] ValueNames = { "organizationId", "orgId", "organisationId", "currentOrganizationId", "tenantOrganizationId" };

        private ParameterObjectPlan(TextSpan call, TextChange? change)
        {
            Call = call;
            Change = change;
        }

        /// <summary>The call's argument list: one call, one plan (Fix All fixes a call once).</summary>
        public TextSpan Call { get; }

        /// <summary>The C# change that supplies the parameter (null: already supplied).</summary>
        public TextChange? Change { get; }

        public static ParameterObjectPlan? Create(SemanticModel model, SyntaxNode sqlNode, string parameterName)
        {
            var argument = sqlNode.AncestorsAndSelf().OfType<ArgumentSyntax>().FirstOrDefault();
            if (argument?.Parent is not ArgumentListSyntax list)
            {
                return null;
            }

            var call = list.Parent;
            var symbol = call is null ? null : model.GetSymbolInfo(call).Symbol as IMethodSymbol;
            if (symbol is null)
            {
                return null;
            }

            var method = symbol.ReducedFrom ?? symbol;
            var isDapperCall = method.ContainingType?.ToDisplayString() == "Dapper.SqlMapper";
            var isCommandDefinition = method.MethodKind == MethodKind.Constructor && method.ContainingType?.ToDisplayString() == "Dapper.CommandDefinition";
            if (!isDapperCall && !isCommandDefinition)
            {
                return null;
            }

            var sqlParameterName = isDapperCall ? "sql" : "commandText";
            var valueParameterName = isDapperCall ? "param" : "parameters";
            if (ParameterFor(argument, list, symbol) != sqlParameterName)
            {
                return null;
            }

            var valueArgument = list.Arguments.FirstOrDefault(a => ParameterFor(a, list, symbol) == valueParameterName);
            if (valueArgument is null)
            {
                // Query<T>(sql): add the parameter object right after the SQL, if that is where it goes positionally.
                var sqlIndex = list.Arguments.IndexOf(argument);
                var sqlOrdinal = symbol.Parameters.FirstOrDefault(p => p.Name == sqlParameterName)?.Ordinal ?? -1;
                var valueOrdinal = symbol.Parameters.FirstOrDefault(p => p.Name == valueParameterName)?.Ordinal ?? -1;
                if (sqlIndex != list.Arguments.Count - 1 || argument.NameColon != null || valueOrdinal != sqlOrdinal + 1)
                {
                    return null;
                }

                var value = FindValue(model, argument.SpanStart);
                return value is null ? null : new ParameterObjectPlan(list.Span, new TextChange(new TextSpan(argument.Span.End, 0), ", new { " + parameterName + " = " + value + " }"));
            }

            switch (valueArgument.Expression)
            {
                case AnonymousObjectCreationExpressionSyntax anonymous:
                {
                    if (anonymous.Initializers.Any(i => string.Equals(MemberName(i), parameterName, StringComparison.OrdinalIgnoreCase)))
                    {
                        return new ParameterObjectPlan(list.Span, null);
                    }

                    var value = FindValue(model, argument.SpanStart);
                    if (value is null)
                    {
                        return null;
                    }

                    return anonymous.Initializers.Count > 0
                        ? new ParameterObjectPlan(list.Span, new TextChange(new TextSpan(anonymous.Initializers.Last().Span.End, 0), ", " + parameterName + " = " + value))
                        : new ParameterObjectPlan(list.Span, new TextChange(new TextSpan(anonymous.OpenBraceToken.Span.End, 0), " " + parameterName + " = " + value));
                }

                default:
                {
                    // A typed parameter object binds @OrganizationId from its property (Dapper matches names case-insensitively).
                    var type = model.GetTypeInfo(valueArgument.Expression).Type;
                    if (type is null || type.SpecialType == SpecialType.System_Object || type.Name == "DynamicParameters")
                    {
                        return null;
                    }

                    var hasProperty = type.GetMembers().OfType<IPropertySymbol>()
                        .Any(p => string.Equals(p.Name, parameterName, StringComparison.OrdinalIgnoreCase) && !p.IsStatic && p.GetMethod != null);
                    return hasProperty ? new ParameterObjectPlan(list.Span, null) : null;
                }
            }
        }

        private static string? ParameterFor(ArgumentSyntax argument, ArgumentListSyntax list, IMethodSymbol method)
        {
            if (argument.NameColon != null)
            {
                return argument.NameColon.Name.Identifier.ValueText;
            }

            var index = list.Arguments.IndexOf(argument);
            return index >= 0 && index < method.Parameters.Length ? method.Parameters[index].Name : null;
        }

        private static string? MemberName(AnonymousObjectMemberDeclaratorSyntax initializer) =>
            initializer.NameEquals?.Name.Identifier.ValueText
            ?? (initializer.Expression as IdentifierNameSyntax)?.Identifier.ValueText
            ?? (initializer.Expression as MemberAccessExpressionSyntax)?.Name.Identifier.ValueText;

        /// <summary>A local, parameter, field or property in scope that plainly holds the organization id.</summary>
        private static string? FindValue(SemanticModel model, int position)
        {
            var symbols = model.LookupSymbols(position);
            foreach (var name in ValueNames)
            {
                foreach (var symbol in symbols)
                {
                    if (!string.Equals(symbol.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var type = symbol switch
                    {
                        ILocalSymbol local => local.Type,
                        IParameterSymbol parameter => parameter.Type,
                        IFieldSymbol field => field.Type,
                        IPropertySymbol property => property.Type,
                        _ => null,
                    };

                    if (type != null && type.SpecialType != SpecialType.System_Boolean && type.TypeKind != TypeKind.Delegate)
                    {
                        return symbol.Name;
                    }
                }
            }

            return null;
        }
    }
}
