using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OrgScope.Analyzers.Resolution
{
    /// <summary>
    /// One piece of resolved SQL: text from a literal (with its source map), a constant from elsewhere (no map),
    /// or a hole (an opaque value).
    /// </summary>
    internal sealed class SqlSegment
    {
        public static readonly SqlSegment Hole = new SqlSegment(Sql.SqlLexer.HoleChar.ToString(), null, null, -1);

        public SqlSegment(string text, int[]? starts, int[]? ends, int piece)
        {
            Text = text;
            Starts = starts;
            Ends = ends;
            Piece = piece;
        }

        public string Text { get; }

        public int[]? Starts { get; }

        public int[]? Ends { get; }

        /// <summary>Which literal token it came from (-1: none), so a span never straddles two literals.</summary>
        public int Piece { get; }
    }

    /// <summary>SQL text as the database will see it (holes marked), with a map back into the C# source.</summary>
    internal sealed class ResolvedSql
    {
        private readonly int[] _starts;
        private readonly int[] _ends;
        private readonly int[] _pieces;

        public ResolvedSql(IReadOnlyList<SqlSegment> segments, SyntaxTree tree)
        {
            // Sized once: this runs for every SQL string at every sink (no lists grown char by char and copied).
            var length = 0;
            foreach (var segment in segments)
            {
                length += segment.Text.Length;
            }

            var builder = new StringBuilder(length);
            _starts = new int[length];
            _ends = new int[length];
            _pieces = new int[length];
            var at = 0;
            foreach (var segment in segments)
            {
                builder.Append(segment.Text);
                var piece = segment.Starts is null ? -1 : segment.Piece;
                for (var i = 0; i < segment.Text.Length; i++, at++)
                {
                    _starts[at] = segment.Starts?[i] ?? -1;
                    _ends[at] = segment.Ends?[i] ?? -1;
                    _pieces[at] = piece;
                }
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

            var piece = _pieces[start];
            if (piece < 0 || _pieces[end - 1] != piece || _starts[start] < 0 || _ends[end - 1] < _starts[start])
            {
                return null;
            }

            return Location.Create(Tree, TextSpan.FromBounds(_starts[start], _ends[end - 1]));
        }

        /// <summary>Where in the source an insertion before SQL offset <paramref name="offset"/> goes; -1 when unknown.</summary>
        public int MapInsertion(int offset)
        {
            if (offset < Text.Length && offset >= 0 && _starts[offset] >= 0)
            {
                return _starts[offset];
            }

            if (offset > 0 && offset <= Text.Length && _ends[offset - 1] >= 0)
            {
                return _ends[offset - 1];
            }

            return -1;
        }
    }
}
