using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace OrgScope.CodeFixes
{
    public sealed partial class RemoveSchemaProbeCodeFix
    {
        /// <summary>
        /// Fix All in a document, project or solution — what <c>dotnet format analyzers</c> runs. Each removal rewrites
        /// the block around the probe, so two probes in one block cannot be batched as text edits: the probes are
        /// marked, then removed one after another, each planned again on the document as the previous one left it.
        /// Equivalence keys play no part (dotnet format may pass none).
        /// </summary>
        private sealed class FixAll : DocumentBasedFixAllProvider
        {
            public static readonly FixAll Instance = new FixAll();

            private const string ProbeAnnotationKind = "OrgScope.SchemaProbe";

            protected override string GetFixAllTitle(FixAllContext fixAllContext) => "Remove the schema probes";

            protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
            {
                var cancellationToken = fixAllContext.CancellationToken;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                if (root is null)
                {
                    return null;
                }

                var marks = new Dictionary<SyntaxNode, SyntaxAnnotation>();
                foreach (var diagnostic in diagnostics.Where(d => !ReviewedException.IsExempt(d)).OrderBy(d => d.Location.SourceSpan.Start))
                {
                    var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                    if (!marks.ContainsKey(node))
                    {
                        marks.Add(node, new SyntaxAnnotation(ProbeAnnotationKind));
                    }
                }

                if (marks.Count == 0)
                {
                    return null;
                }

                var current = document.WithSyntaxRoot(root.ReplaceNodes(marks.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(marks[original])));
                var changed = false;
                foreach (var mark in marks.Values)
                {
                    var currentRoot = await current.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var node = currentRoot?.GetAnnotatedNodes(mark).FirstOrDefault();
                    var model = node is null ? null : await current.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                    var plan = model is null ? null : ProbePlan.Create(model, node!, cancellationToken);
                    if (plan is null)
                    {
                        continue; // gone with an earlier probe's branch, or not a plain shape
                    }

                    current = await ApplyAsync(current, plan, cancellationToken).ConfigureAwait(false);
                    changed = true;
                }

                return changed ? current : null;
            }
        }
    }
}
