using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OrgScope.Generators.Diagnostics
{
    /// <summary>
    /// A source location as plain data: pipeline models must not hold <see cref="Location"/> (it pins the syntax tree
    /// and breaks caching), so the parser captures path and spans and the reporter rebuilds the location.
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

        public static LocationInfo? From(SyntaxNode? node) => node is null ? null : From(node.GetLocation());

        public static LocationInfo? From(Location? location)
        {
            if (location is null || location.SourceTree is null)
            {
                return null;
            }

            var lineSpan = location.GetLineSpan();
            return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, lineSpan.Span);
        }
    }
}
