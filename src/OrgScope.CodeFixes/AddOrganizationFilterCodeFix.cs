using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using OrgScope.Analyzers.Analyzers;
using OrgScope.Analyzers.Diagnostics;

namespace OrgScope.CodeFixes
{
    /// <summary>
    /// ORG001: adds <c>alias.organization_id = @OrganizationId</c> to the WHERE (or the JOIN's ON); ORG002: adds the
    /// column and its value. The SQL edit comes verified from the analyzer; this fix adds the C# parameter and is
    /// offered only where the call will supply it.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddOrganizationFilterCodeFix))]
    [Shared]
    public sealed partial class AddOrganizationFilterCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "OrgScope.AddOrganizationFilter";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.MissingOrganizationFilter.Id,
            DiagnosticDescriptors.InsertWithoutOrganization.Id);

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
                var fix = Plan(diagnostic, root, model);
                if (fix is null)
                {
                    continue;
                }

                var title = diagnostic.Id == DiagnosticDescriptors.InsertWithoutOrganization.Id
                    ? "Add organization_id to the INSERT"
                    : "Add the organization filter";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ApplyAsync(context.Document, fix.Value.Edits, fix.Value.Parameter, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The finding's SQL edits and how the call will supply @OrganizationId; null when no fix is correct.</summary>
        private static (List<KeyValuePair<int, string>> Edits, ParameterObjectPlan Parameter)? Plan(Diagnostic diagnostic, SyntaxNode root, SemanticModel model)
        {
            var edits = FixProperties.Read(diagnostic.Properties);
            if (ReviewedException.IsExempt(diagnostic) || edits is null
                || !diagnostic.Properties.TryGetValue(FixProperties.Parameter, out var parameterName) || parameterName is null)
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var plan = ParameterObjectPlan.Create(model, node, parameterName);
            return plan is null ? null : (edits, plan);
        }

        private static IEnumerable<TextChange> Changes(List<KeyValuePair<int, string>> edits, ParameterObjectPlan plan)
        {
            foreach (var edit in edits)
            {
                yield return new TextChange(new TextSpan(edit.Key, 0), edit.Value);
            }

            if (plan.Change is TextChange change)
            {
                yield return change;
            }
        }

        private static async Task<Document> ApplyAsync(Document document, List<KeyValuePair<int, string>> edits, ParameterObjectPlan plan, CancellationToken cancellationToken)
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            return document.WithText(text.WithChanges(Changes(edits, plan).OrderBy(c => c.Span.Start)));
        }
    }
}
