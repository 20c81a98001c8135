using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;
using OrgScope.Analyzers.Analyzers;

namespace OrgScope.CodeFixes
{
    public sealed partial class AddOrganizationFilterCodeFix
    {
        /// <summary>
        /// Fix All in a document, project or solution — what <c>dotnet format analyzers</c> runs. Roslyn's batch fixer
        /// keeps only the actions whose equivalence key matches the one dotnet format read from the first diagnostic
        /// it met (none, when that one had no fix), and merges per-finding edits that collide when two tables of one
        /// statement are pinned. This one fixes each call once: with the analyzer's edits for all of the statement's
        /// fixable findings of the rule together, else the first finding's own, and adds the parameter once.
        /// </summary>
        private sealed class FixAll : DocumentBasedFixAllProvider
        {
            public static readonly FixAll Instance = new FixAll();

            protected override string GetFixAllTitle(FixAllContext fixAllContext) => "Add the organization filters";

            protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics)
            {
                var cancellationToken = fixAllContext.CancellationToken;
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (root is null || model is null)
                {
                    return null;
                }

                var fixedCalls = new HashSet<TextSpan>();
                var changes = new List<TextChange>();
                foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
                {
                    var fix = Plan(diagnostic, root, model);
                    if (fix is null || !fixedCalls.Add(fix.Value.Parameter.Call))
                    {
                        continue; // no fix, or its call is fixed already (by the edits for all its findings, or next run)
                    }

                    changes.AddRange(Changes(FixProperties.ReadTogether(diagnostic.Properties) ?? fix.Value.Edits, fix.Value.Parameter));
                }

                if (changes.Count == 0)
                {
                    return null;
                }

                var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
                return document.WithText(text.WithChanges(changes.OrderBy(c => c.Span.Start)));
            }
        }
    }
}
