using System.Collections.Generic;
using System.Linq;
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
        public static readonly SqlSegment Hole = new SqlSegment(Sql.SqlLexer.HoleChar.ToString());

        private readonly SyntaxToken _token;
        private LiteralMap? _map; // null until worked out; LiteralMap.None for text that does not map back

        /// <summary>Text with no place in the source: a constant from elsewhere, a builder's separator, a hole.</summary>
        public SqlSegment(string text)
        {
            Text = text;
            _map = LiteralMap.None;
            Piece = -1;
        }

        /// <summary>Text from <paramref name="token"/>, mapped on first use by <see cref="LiteralSpanMap"/>.</summary>
        public SqlSegment(string text, SyntaxToken token, int piece)
        {
            Text = text;
            _token = token;
            Piece = piece;
        }

        public string Text { get; }

        public int[]? Starts => Map().Starts;

        public int[]? Ends => Map().Ends;

        /// <summary>Which literal token it came from (-1: none), so a span never straddles two literals.</summary>
        public int Piece { get; }

        private LiteralMap Map()
        {
            var map = System.Threading.Volatile.Read(ref _map);
            if (map is null)
            {
                // Published as one object: a segment shared between threads never shows half a map (a race only
                // works the same map out twice).
                map = LiteralSpanMap.TryMap(_token, Text, out var starts, out var ends) ? new LiteralMap(starts, ends) : LiteralMap.None;
                System.Threading.Volatile.Write(ref _map, map);
            }

            return map;
        }

        private sealed class LiteralMap
        {
            public static readonly LiteralMap None = new LiteralMap(null, null);

            public LiteralMap(int[]? starts, int[]? ends)
            {
                Starts = starts;
                Ends = ends;
            }

            public int[]? Starts { get; }

            public int[]? Ends { get; }
        }
    }

    /// <summary>SQL text as the database will see it (holes marked), with a map back into the C# source (built on first use).</summary>
    internal sealed class ResolvedSql
    {
        private readonly SqlSegment[] _segments;
        private SourceMap? _map;

        public ResolvedSql(IReadOnlyList<SqlSegment> segments, SyntaxTree tree)
        {
            _segments = segments.ToArray();
            Text = string.Concat(_segments.Select(segment => segment.Text));
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

            var map = EnsureMap();
            var (starts, ends, pieces) = (map.Starts, map.Ends, map.Pieces);
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
            var map = EnsureMap();
            var (starts, ends) = (map.Starts, map.Ends);
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
        private SourceMap EnsureMap()
        {
            var map = System.Threading.Volatile.Read(ref _map);
            if (map is null)
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

                // Published as one object, as a segment's map is (a race only builds the same map twice).
                map = new SourceMap(starts, ends, pieces);
                System.Threading.Volatile.Write(ref _map, map);
            }

            return map;
        }

        private sealed class SourceMap
        {
            public SourceMap(int[] starts, int[] ends, int[] pieces)
            {
                Starts = starts;
                Ends = ends;
                Pieces = pieces;
            }

            public int[] Starts { get; }

            public int[] Ends { get; }

            public int[] Pieces { get; }
        }
    }
}
