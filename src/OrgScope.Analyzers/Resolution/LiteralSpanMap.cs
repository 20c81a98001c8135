using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OrgScope.Analyzers.Resolution
{
    /// <summary>
    /// Maps each character of a string literal's value back to the source characters that wrote it, through
    /// escapes (\n, \u0041, "" in verbatim strings, {{ in interpolations) and raw-string indentation, so a squiggle
    /// covers exactly the table reference inside the literal. A map that does not reproduce the value is refused.
    /// </summary>
    internal static class LiteralSpanMap
    {
        public static bool TryMap(SyntaxToken token, string value, out int[] starts, out int[] ends)
        {
            starts = new int[value.Length];
            ends = new int[value.Length];
            var text = token.Text;
            var position = token.SpanStart;
            switch (token.Kind())
            {
                case SyntaxKind.StringLiteralToken:
                    if (text.Length >= 3 && text[0] == '@' && text[1] == '"' && text[text.Length - 1] == '"')
                    {
                        return Decode(text, 2, text.Length - 1, position, verbatim: true, braces: false, value, starts, ends);
                    }

                    if (text.Length >= 2 && text[0] == '"' && text[text.Length - 1] == '"')
                    {
                        return Decode(text, 1, text.Length - 1, position, verbatim: false, braces: false, value, starts, ends);
                    }

                    return false;

                case SyntaxKind.SingleLineRawStringLiteralToken:
                case SyntaxKind.MultiLineRawStringLiteralToken:
                {
                    var open = 0;
                    while (open < text.Length && text[open] == '"')
                    {
                        open++;
                    }

                    return Align(text, open, text.Length - open, position, value, starts, ends);
                }

                case SyntaxKind.InterpolatedStringTextToken:
                {
                    var interpolated = token.Parent?.Parent as InterpolatedStringExpressionSyntax;
                    if (interpolated is null)
                    {
                        return false;
                    }

                    switch (interpolated.StringStartToken.Kind())
                    {
                        case SyntaxKind.InterpolatedStringStartToken:
                            return Decode(text, 0, text.Length, position, verbatim: false, braces: true, value, starts, ends);
                        case SyntaxKind.InterpolatedVerbatimStringStartToken:
                            return Decode(text, 0, text.Length, position, verbatim: true, braces: true, value, starts, ends);
                        default:
                            return Align(text, 0, text.Length, position, value, starts, ends);
                    }
                }

                default:
                    return false;
            }
        }

        private static bool Decode(string text, int from, int to, int position, bool verbatim, bool braces, string value, int[] starts, int[] ends)
        {
            var v = 0;
            var i = from;
            while (i < to)
            {
                var c = text[i];
                int length;
                var produced = 1;
                if (!verbatim && c == '\\' && i + 1 < to)
                {
                    length = EscapeLength(text, i, to, out produced);
                }
                else if (verbatim && c == '"' && i + 1 < to && text[i + 1] == '"')
                {
                    length = 2;
                }
                else if (braces && (c == '{' || c == '}') && i + 1 < to && text[i + 1] == c)
                {
                    length = 2;
                }
                else
                {
                    length = 1;
                }

                for (var k = 0; k < produced; k++)
                {
                    if (v >= value.Length)
                    {
                        return false;
                    }

                    starts[v] = position + i;
                    ends[v] = position + i + length;
                    v++;
                }

                i += length;
            }

            return v == value.Length;
        }

        private static int EscapeLength(string text, int i, int to, out int produced)
        {
            produced = 1;
            var kind = text[i + 1];
            switch (kind)
            {
                case 'u':
                    return 6;
                case 'U':
                {
                    if (i + 10 <= to && uint.TryParse(text.Substring(i + 2, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code) && code > 0xFFFF)
                    {
                        produced = 2;
                    }

                    return 10;
                }

                case 'x':
                {
                    var j = i + 2;
                    while (j < to && j < i + 6 && IsHex(text[j]))
                    {
                        j++;
                    }

                    return j - i;
                }

                default:
                    return 2;
            }
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        /// <summary>Raw strings have no escapes: each value character is found in order, skipping removed indentation.</summary>
        private static bool Align(string text, int from, int to, int position, string value, int[] starts, int[] ends)
        {
            var j = from;
            for (var v = 0; v < value.Length; v++)
            {
                while (j < to && text[j] != value[v])
                {
                    j++;
                }

                if (j >= to)
                {
                    return false;
                }

                starts[v] = position + j;
                ends[v] = position + j + 1;
                j++;
            }

            return true;
        }
    }
}
