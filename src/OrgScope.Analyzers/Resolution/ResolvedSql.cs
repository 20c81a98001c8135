using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OrgScope.Analyzers.Resolution
{
    /// <summary>
    /// One piece of resolved SQL: text from a literal (with its source map), a constant from elsewhere (no map),
    /// or a hole (an opaque value). A literal's map is worked out only when something asks for it (a finding to place,
    /// a fix to write): most SQL at most sinks is clean, and decoding every literal character by character was a good
    /// part of the analyzer's own time.
    /// </summary>
    internal sealed class SqlSegment
    {
        public static readonly SqlSegment Hole = new SqlSegment(Sql.SqlLexer.HoleChar.ToString(), null, null, -1);

        private static readonly int[][] NoMap = new int[0][];

        private readonly SyntaxToken _token;
        private int[][]? _map; // {starts, ends}; NoMap when the literal does not map back; null until worked out

        public SqlSegment(string text, int[]? starts, int[]? ends, int piece)
        {
            Text = text;
            _map = starts is null || ends is null ? NoMap : new[] { starts, ends };
            Piece = piece;
        }

        /// <summary>Text from <paramref name="token"/>, mapped on first use by <see cref="LiteralSpanMap"/>.</summary>
        public SqlSegment(string text, SyntaxToken token, int piece)
        {
            Text = text;
            _token = token;
            Piece = piece;
        }

        public string Text { get; }

        public int[]? Starts => Map() is { Length: 2 } map ? map[0] : null;

        public int[]? Ends => Map() is { Length: 2 } map ? map[1] : null;

        /// <summary>Which literal token it came from (-1: none), so a span never straddles two literals.</summary>
        public int Piece { get; }

        private int[][] Map()
        {
            var map = System.Threading.Volatile.Read(ref _map);
            if (map is null)
            {
                // Published as one object: a segment shared between threads never shows half a map (a race only
                // works the same map out twice).
                map = LiteralSpanMap.TryMap(_token, Text, out var starts, out var ends) ? new[] { starts, ends } : NoMap;
                System.Threading.Volatile.Write(ref _map, map);
            }

            return map;
        }
    }

    /// <summary>SQL text as the database will see it (holes marked), with a map back into the C# source (built on first use).</summary>
    internal sealed class ResolvedSql
    {
        private readonly SqlSegment[] _segments;
        private int[]? _starts;
        private int[]? _ends;
        private int[]? _pieces;

        public ResolvedSql(IReadOnlyList<SqlSegment> segments, SyntaxTree tree)
        {
            _segments = new SqlSegment[segments.Count];
            var length = 0;
            for (var i = 0; i < _segments.Length; i++)
            {
                _segments[i] = segments[i];
                length += segments[i].Text.Length;
            }

            var builder = new StringBuilder(length);
            foreach (var segment in _segments)
            {
                builder.Append(segment.Text);
            }

            Text = builder.ToString();
            Tree = tree;
        }

        public string Text { get; }

        public SyntaxTree Tree { get; }

        /// <summary>The source location of SQL [start, end) when it lies inside one literal; else null.</summary>
        public Location? MapSpan(int start, int end)
        {
            if (start < 0 || end > Text.Length || start >= end)
            {
                return null;
            }

            var (starts, ends, pieces) = EnsureMap();
            var piece = pieces[start];
            if (piece < 0 || pieces[end - 1] != piece || starts[start] < 0 || ends[end - 1] < starts[start])
            {
                return null;
            }

            return Location.Create(Tree, TextSpan.FromBounds(starts[start], ends[end - 1]));
        }

        /// <summary>Where in the source an insertion before SQL offset <paramref name="offset"/> goes; -1 when unknown.</summary>
        public int MapInsertion(int offset)
        {
            var (starts, ends, _) = EnsureMap();
            if (offset < Text.Length && offset >= 0 && starts[offset] >= 0)
            {
                return starts[offset];
            }

            if (offset > 0 && offset <= Text.Length && ends[offset - 1] >= 0)
            {
                return ends[offset - 1];
            }

            return -1;
        }

        /// <summary>Per SQL character: its source start and end (-1: none) and its literal piece (-1: none). Sized once.</summary>
        private (int[] Starts, int[] Ends, int[] Pieces) EnsureMap()
        {
            if (System.Threading.Volatile.Read(ref _pieces) is null)
            {
                var starts = new int[Text.Length];
                var ends = new int[Text.Length];
                var pieces = new int[Text.Length];
                var at = 0;
                foreach (var segment in _segments)
                {
                    var segmentStarts = segment.Starts;
                    var segmentEnds = segment.Ends;
                    var piece = segmentStarts is null ? -1 : segment.Piece;
                    for (var i = 0; i < segment.Text.Length; i++, at++)
                    {
                        starts[at] = segmentStarts?[i] ?? -1;
                        ends[at] = segmentEnds?[i] ?? -1;
                        pieces[at] = piece;
                    }
                }

                // Pieces last: a reader that sees them sees the other two (a race only builds the same map twice).
                _starts = starts;
                _ends = ends;
                System.Threading.Volatile.Write(ref _pieces, pieces);
            }

            return (_starts!, _ends!, _pieces!);
        }
    }
}
