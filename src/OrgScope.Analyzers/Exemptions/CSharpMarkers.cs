using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OrgScope.Analyzers.Exemptions
{
    /// <summary>
    /// Markers in C# comments, and the statement each belongs to. A marker belongs to the innermost statement (or,
    /// outside any statement, the field, property, accessor or expression-bodied member) that holds the comment:
    /// in the comment lines directly above it (no blank line between), at the end of its last line, or anywhere
    /// inside it (above an argument of a multi-line call) — never inside a statement nested in it (a lambda's or
    /// an <c>if</c>'s body has statements of its own).
    /// </summary>
    internal static class CSharpMarkers
    {
        /// <summary>The statement or declaration whose markers apply to <paramref name="node"/>.</summary>
        public static SyntaxNode? AnchorOf(SyntaxNode? node)
        {
            for (var current = node; current != null; current = current.Parent)
            {
                if (IsAnchor(current))
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>The markers that belong to <paramref name="anchor"/>, with where each comment is.</summary>
        public static IEnumerable<(ExemptionMarker Marker, Location Location)> Of(SyntaxNode anchor, IReadOnlyList<string> teamMarkers)
        {
            foreach (var trivia in anchor.DescendantTrivia(node => node == anchor || !IsAnchor(node)))
            {
                var body = CommentBody(trivia);
                if (body is null)
                {
                    continue;
                }

                var marker = ExemptionMarker.Parse(body, teamMarkers);
                if (marker != null && IsAttached(trivia))
                {
                    yield return (marker, trivia.GetLocation());
                }
            }
        }

        /// <summary>The text of a <c>//</c> or <c>/* */</c> comment without its delimiters; null for anything else.</summary>
        public static string? CommentBody(SyntaxTrivia trivia)
        {
            var text = trivia.ToString();
            switch (trivia.Kind())
            {
                case SyntaxKind.SingleLineCommentTrivia:
                    return text.Length >= 2 ? text.Substring(2) : string.Empty;
                case SyntaxKind.MultiLineCommentTrivia:
                    var end = text.EndsWith("*/", System.StringComparison.Ordinal) && text.Length >= 4 ? text.Length - 2 : text.Length;
                    return text.Substring(2, end - 2);
                default:
                    return null;
            }
        }

        private static bool IsAnchor(SyntaxNode node) =>
            node is StatementSyntax || node is BaseFieldDeclarationSyntax || node is BasePropertyDeclarationSyntax
            || node is AccessorDeclarationSyntax || node is BaseMethodDeclarationSyntax || node is GlobalStatementSyntax;

        /// <summary>A comment above the code it belongs to must touch it: a blank line in between detaches it.</summary>
        private static bool IsAttached(SyntaxTrivia comment)
        {
            var leading = comment.Token.LeadingTrivia;
            var index = leading.IndexOf(comment);
            if (index < 0)
            {
                return true; // trailing trivia: on the same line as the code before it
            }

            var lineHasContent = true;
            for (var i = index + 1; i < leading.Count; i++)
            {
                switch (leading[i].Kind())
                {
                    case SyntaxKind.EndOfLineTrivia:
                        if (!lineHasContent)
                        {
                            return false;
                        }

                        lineHasContent = false;
                        break;
                    case SyntaxKind.WhitespaceTrivia:
                        break;
                    default:
                        lineHasContent = true;
                        break;
                }
            }

            return true;
        }
    }
}
