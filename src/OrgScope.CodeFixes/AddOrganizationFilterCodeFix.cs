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
    public sealed class AddOrganizationFilterCodeFix : CodeFixProvider
    {
        public const string EquivalenceKey = "OrgScope.AddOrganizationFilter";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.MissingOrganizationFilter.Id,
            DiagnosticDescriptors.InsertWithoutOrganization.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

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

                var edits = FixProperties.Read(diagnostic.Properties);
                if (edits is null || !diagnostic.Properties.TryGetValue(FixProperties.Parameter, out var parameterName) || parameterName is null)
                {
                    continue;
                }

                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var plan = ParameterObjectPlan.Create(model, node, parameterName);
                if (plan is null)
                {
                    continue;
                }

                var title = diagnostic.Id == DiagnosticDescriptors.InsertWithoutOrganization.Id
                    ? "Add organization_id to the INSERT"
                    : "Add the organization filter";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ApplyAsync(context.Document, edits, plan, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> ApplyAsync(Document document, List<KeyValuePair<int, string>> edits, ParameterObjectPlan plan, CancellationToken cancellationToken)
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var changes = edits.Select(e => new TextChange(new TextSpan(e.Key, 0), e.Value)).ToList();
            if (plan.Change is TextChange change)
            {
                changes.Add(change);
            }

            return document.WithText(text.WithChanges(changes.OrderBy(c => c.Span.Start)));
        }
    }
}
