using System.Text;
using System.Text.RegularExpressions;

namespace OrgScope.Analyzers.Tests.Infrastructure;

/// <summary>Strips <c>{|#n:...|}</c> markup from SQL and returns the marked spans, for Roslyn-free tests.</summary>
internal static partial class Markup
{
    public static (string Text, List<(int Start, int End)> Spans) Parse(string markup)
    {
        var text = new StringBuilder();
        var spans = new List<(int, int)>();
        var open = new Stack<int>();
        for (var i = 0; i < markup.Length; i++)
        {
            var match = OpenMarker().Match(markup, i);
            if (match.Success && match.Index == i)
            {
                open.Push(text.Length);
                i += match.Length - 1;
                continue;
            }

            if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                spans.Add((open.Pop(), text.Length));
                i++;
                continue;
            }

            text.Append(markup[i]);
        }

        spans.Sort();
        return (text.ToString(), spans);
    }

    public static int CountLocations(string markup) => OpenMarker().Matches(markup).Count;

    [GeneratedRegex(@"\{\|#\d+:")]
    private static partial Regex OpenMarker();
}
