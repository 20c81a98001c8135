using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using OrgScope.Analyzers.Diagnostics;

namespace OrgScope.CodeFixes
{
    /// <summary>
    /// ORG004: where the probe's result only gates a branch (<c>if (hasOrgColumn) A else B</c>), removes the probe and
    /// keeps the scoped branch A. Offered only for shapes whose meaning is plain: the probe's value compared with 0/1
    /// (or a bool), held in a local used by that one <c>if</c>, or tested in the <c>if</c> itself.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveSchemaProbeCodeFix))]
    [Shared]
    public sealed partial class RemoveSchemaProbeCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "OrgScope.RemoveSchemaProbe";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticDescriptors.SchemaProbe.Id);

        public override FixAllProvider GetFixAllProvider() => FixAll.Instance;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (ReviewedException.IsExempt(diagnostic))
                {
                    continue;
                }

                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var plan = ProbePlan.Create(model, node, context.CancellationToken);
                if (plan is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create("Remove the schema probe and keep the organization-scoped branch", ct => ApplyAsync(context.Document, plan, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ProbePlan plan, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var block = (BlockSyntax)plan.If.Parent!;
            var statements = new List<StatementSyntax>();
            foreach (var statement in block.Statements)
            {
                if (statement == plan.Declaration)
                {
                    continue;
                }

                if (statement == plan.If)
                {
                    statements.AddRange(plan.Kept.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)));
                    continue;
                }

                statements.Add(statement);
            }

            var newBlock = block.WithStatements(SyntaxFactory.List(statements));
            return document.WithSyntaxRoot(root.ReplaceNode(block, newBlock));
        }

        private sealed class ProbePlan
        {
            private ProbePlan(IfStatementSyntax ifStatement, LocalDeclarationStatementSyntax? declaration, IReadOnlyList<StatementSyntax> kept)
            {
                If = ifStatement;
                Declaration = declaration;
                Kept = kept;
            }

            public IfStatementSyntax If { get; }

            public LocalDeclarationStatementSyntax? Declaration { get; }

            public IReadOnlyList<StatementSyntax> Kept { get; }

            public static ProbePlan? Create(SemanticModel model, SyntaxNode node, CancellationToken cancellationToken)
            {
                var call = node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
                if (call is null)
                {
                    return null;
                }

                // Climb from the probe call to the whole truth-value expression: await, parentheses, a comparison.
                ExpressionSyntax expression = call;
                while (expression.Parent is AwaitExpressionSyntax || expression.Parent is ParenthesizedExpressionSyntax
                       || (expression.Parent is BinaryExpressionSyntax comparison && comparison.Left == expression))
                {
                    expression = (ExpressionSyntax)expression.Parent;
                }

                var polarity = Polarity(model, expression, call, cancellationToken);
                if (polarity is null)
                {
                    return null;
                }

                IfStatementSyntax? ifStatement;
                LocalDeclarationStatementSyntax? declaration = null;
                if (expression.Parent is IfStatementSyntax direct && direct.Condition == expression)
                {
                    ifStatement = direct;
                }
                else if (expression.Parent is EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax declarator }
                         && declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1 } && declarator.Parent.Parent is LocalDeclarationStatementSyntax local)
                {
                    declaration = local;
                    var symbol = model.GetDeclaredSymbol(declarator, cancellationToken);
                    var block = local.Parent as BlockSyntax;
                    if (symbol is null || block is null)
                    {
                        return null;
                    }

                    var uses = block.DescendantNodes().OfType<IdentifierNameSyntax>()
                        .Where(id => id.Identifier.ValueText == declarator.Identifier.ValueText
                                     && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id, cancellationToken).Symbol, symbol))
                        .ToList();
                    if (uses.Count != 1)
                    {
                        return null;
                    }

                    var use = uses[0];
                    ExpressionSyntax condition = use;
                    if (use.Parent is PrefixUnaryExpressionSyntax not && not.IsKind(SyntaxKind.LogicalNotExpression))
                    {
                        condition = not;
                        polarity = !polarity;
                    }

                    ifStatement = condition.Parent as IfStatementSyntax;
                    if (ifStatement is null || ifStatement.Condition != condition || ifStatement.Parent != block)
                    {
                        return null;
                    }
                }
                else
                {
                    return null;
                }

                if (!(ifStatement.Parent is BlockSyntax parentBlock))
                {
                    return null;
                }

                var keptBranch = polarity.Value ? ifStatement.Statement : ifStatement.Else?.Statement;
                var kept = keptBranch switch
                {
                    null => new List<StatementSyntax>(),
                    BlockSyntax branchBlock => branchBlock.Statements.ToList(),
                    _ => new List<StatementSyntax> { keptBranch },
                };

                // Inlining must not clash with names already declared in the enclosing block.
                var inlined = kept.OfType<LocalDeclarationStatementSyntax>().SelectMany(d => d.Declaration.Variables).Select(v => v.Identifier.ValueText);
                var existing = parentBlock.Statements.Where(s => s != ifStatement).OfType<LocalDeclarationStatementSyntax>()
                    .SelectMany(d => d.Declaration.Variables).Select(v => v.Identifier.ValueText);
                if (inlined.Intersect(existing).Any())
                {
                    return null;
                }

                return new ProbePlan(ifStatement, declaration, kept);
            }

            /// <summary>True when the expression is true exactly when the column exists; null when that is not plain.</summary>
            private static bool? Polarity(SemanticModel model, ExpressionSyntax expression, InvocationExpressionSyntax call, CancellationToken cancellationToken)
            {
                var inner = expression;
                while (inner is ParenthesizedExpressionSyntax parenthesized)
                {
                    inner = parenthesized.Expression;
                }

                if (inner is BinaryExpressionSyntax binary)
                {
                    var right = model.GetConstantValue(binary.Right, cancellationToken);
                    if (!right.HasValue || !(right.Value is int || right.Value is long))
                    {
                        return null;
                    }

                    var value = System.Convert.ToInt64(right.Value, System.Globalization.CultureInfo.InvariantCulture);
                    return binary.Kind() switch
                    {
                        SyntaxKind.GreaterThanExpression when value == 0 => true,
                        SyntaxKind.GreaterThanOrEqualExpression when value == 1 => true,
                        SyntaxKind.NotEqualsExpression when value == 0 => true,
                        SyntaxKind.EqualsExpression when value == 0 => false,
                        SyntaxKind.LessThanExpression when value == 1 => false,
                        _ => null,
                    };
                }

                var type = model.GetTypeInfo(inner, cancellationToken).Type;
                return type?.SpecialType == SpecialType.System_Boolean && (inner == call || inner is AwaitExpressionSyntax) ? true : null;
            }
        }
    }
}
