using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace OrgScope.Generators.Tests.Infrastructure;

/// <summary>
/// Sources with expected diagnostics marked in place, as the Roslyn testing libraries do: <c>{|ORG101:"Nope"|}</c>
/// expects ORG101 exactly on <c>"Nope"</c>. A run must report exactly the marked diagnostics, nothing else.
/// </summary>
internal static class DiagnosticMarkup
{
    public static GeneratorRun Verify(params (string Path, string Markup)[] files)
    {
        var expected = new List<string>();
        var sources = new List<(string, string)>();
        foreach (var (path, markup) in files)
        {
            var (source, marks) = Parse(markup);
            sources.Add((path, source));
            var text = SourceText.From(source);
            expected.AddRange(marks.Select(m => Describe(m.Id, path, text.Lines.GetLinePositionSpan(m.Span))));
        }

        var run = GeneratorRun.Run(TestCompilation.Create(sources.ToArray()));
        Assert.Empty(run.DriverDiagnostics);
        var actual = run.Diagnostics.Select(d => Describe(d.Id, d.Location.GetLineSpan().Path, d.Location.GetLineSpan().Span)).ToList();
        var messages = string.Join("\n", run.Diagnostics.Select(d => $"  {Describe(d.Id, d.Location.GetLineSpan().Path, d.Location.GetLineSpan().Span)}: {d.GetMessage()}"));
        Assert.True(
            expected.OrderBy(x => x, StringComparer.Ordinal).SequenceEqual(actual.OrderBy(x => x, StringComparer.Ordinal)),
            $"Expected:\n  {string.Join("\n  ", expected)}\nActual:\n{messages}");

        // Any model error withholds the plan: never SQL from a broken model.
        if (expected.Count > 0)
        {
            Assert.Null(run.Source("OrgScope.Plan.g.cs"));
        }

        return run;
    }

    public static GeneratorRun Verify(string markup) => Verify(("Entities.cs", markup));

    private static string Describe(string id, string path, LinePositionSpan span) =>
        $"{id} {path}({span.Start.Line + 1},{span.Start.Character + 1})-({span.End.Line + 1},{span.End.Character + 1})";

    private static (string Source, List<(string Id, TextSpan Span)> Marks) Parse(string markup)
    {
        var source = new StringBuilder();
        var open = new Stack<(string Id, int Start)>();
        var marks = new List<(string, TextSpan)>();
        for (var i = 0; i < markup.Length; i++)
        {
            if (markup[i] == '{' && i + 1 < markup.Length && markup[i + 1] == '|')
            {
                var colon = markup.IndexOf(':', i);
                open.Push((markup.Substring(i + 2, colon - i - 2), source.Length));
                i = colon;
            }
            else if (markup[i] == '|' && i + 1 < markup.Length && markup[i + 1] == '}' && open.Count > 0)
            {
                var (id, start) = open.Pop();
                marks.Add((id, TextSpan.FromBounds(start, source.Length)));
                i++;
            }
            else
            {
                source.Append(markup[i]);
            }
        }

        Assert.Empty(open);
        return (source.ToString(), marks);
    }
}
