using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace OrgScope.Analyzers.Resolution
{
    /// <summary>
    /// The operation trees of the compilation's own methods, looked up when SQL crosses a call (a helper's return value,
    /// a helper's parameter that reaches a sink). Lazily, once per member and compilation; the semantic models come from
    /// the compilation, which shares them with the analyzer driver, so a body is bound once for every analyzer.
    /// Only members whose code runs whenever they are called are followed: not virtual, abstract or interface members
    /// (the code that runs depends on the object), not extern or partial declarations without a body.
    /// </summary>
    internal sealed class SourceBodies
    {
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<ISymbol, IOperation?> _bodies = new ConcurrentDictionary<ISymbol, IOperation?>(SymbolEqualityComparer.Default);

        public SourceBodies(Compilation compilation) => _compilation = compilation;

        /// <summary>True when a call of <paramref name="method"/> always runs the one body in this compilation.</summary>
        public static bool IsFollowable(IMethodSymbol method)
        {
            method = method.OriginalDefinition;
            if (method.IsAbstract || method.IsExtern || method.IsVirtual || method.ContainingType is null
                || method.ContainingType.TypeKind == TypeKind.Interface || method.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            if (method.IsOverride && !method.IsSealed && !method.ContainingType.IsSealed)
            {
                return false;
            }

            switch (method.MethodKind)
            {
                case MethodKind.Ordinary:
                case MethodKind.LocalFunction:
                case MethodKind.PropertyGet:
                case MethodKind.Constructor:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The body of a followable method (the returns and the sinks are inside it), or null. For a local function
        /// it is the function's own block, whose tree continues into the method that declares it.
        /// </summary>
        public IOperation? BodyOf(IMethodSymbol method, CancellationToken cancellationToken)
        {
            method = method.OriginalDefinition.PartialImplementationPart ?? method.OriginalDefinition;
            if (!IsFollowable(method))
            {
                return null;
            }

            return _bodies.GetOrAdd(method, _ => FindBody(method, cancellationToken));
        }

        /// <summary>
        /// The initial value of a readonly field or a get-only auto-property when nothing else can write it: its
        /// initializer, provided no constructor of its type assigns it. Otherwise null.
        /// </summary>
        public IOperation? InitializerOf(ISymbol member, CancellationToken cancellationToken)
        {
            member = member.OriginalDefinition;
            if (member.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            return _bodies.GetOrAdd(member, _ => FindInitializer(member, cancellationToken));
        }

        private IOperation? FindBody(IMethodSymbol method, CancellationToken cancellationToken)
        {
            if (method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var syntax = method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            var operation = ModelFor(syntax).GetOperation(syntax, cancellationToken);
            switch (operation)
            {
                case IMethodBodyOperation body:
                    return (IOperation?)body.BlockBody ?? body.ExpressionBody;
                case ILocalFunctionOperation local:
                    return (IOperation?)local.Body ?? local.IgnoredBody;
                case IConstructorBodyOperation constructor:
                    return (IOperation?)constructor.BlockBody ?? constructor.ExpressionBody;
                case IBlockOperation block:
                    // A property's => expression.
                    return block;
                default:
                    return null;
            }
        }

        private IOperation? FindInitializer(ISymbol member, CancellationToken cancellationToken)
        {
            var syntax = member.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            EqualsValueClauseSyntax? initializer;
            switch (member)
            {
                case IFieldSymbol field when field.IsReadOnly && !field.IsConst:
                    initializer = (syntax as VariableDeclaratorSyntax)?.Initializer;
                    break;
                case IPropertySymbol property when property.SetMethod is null && property.GetMethod != null
                    && syntax is PropertyDeclarationSyntax declaration && declaration.AccessorList != null
                    && declaration.AccessorList.Accessors.All(a => a.Body is null && a.ExpressionBody is null):
                    initializer = declaration.Initializer;
                    break;
                default:
                    return null;
            }

            if (initializer is null || AssignedInConstructor(member, cancellationToken))
            {
                return null;
            }

            return ModelFor(initializer).GetOperation(initializer, cancellationToken) switch
            {
                IFieldInitializerOperation field => field.Value,
                IPropertyInitializerOperation property => property.Value,
                _ => null,
            };
        }

        /// <summary>A constructor of the member's type that assigns it by name (a syntactic look: cheap, and it errs towards "unknown").</summary>
        private static bool AssignedInConstructor(ISymbol member, CancellationToken cancellationToken)
        {
            var constructors = member.IsStatic ? member.ContainingType.StaticConstructors : member.ContainingType.InstanceConstructors;
            foreach (var constructor in constructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    var assignments = reference.GetSyntax(cancellationToken).DescendantNodes().OfType<AssignmentExpressionSyntax>();
                    if (assignments.Any(a => Named(a.Left, member.Name)))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool Named(ExpressionSyntax target, string name) => target switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText == name,
            _ => false,
        };

#pragma warning disable RS1030 // Cross-method resolution needs the semantic model of another tree; the compilation's
        // semantic model provider hands out the models the analyzer driver already holds, so nothing is bound twice.
        private SemanticModel ModelFor(SyntaxNode syntax) => _compilation.GetSemanticModel(syntax.SyntaxTree);
#pragma warning restore RS1030
    }
}
