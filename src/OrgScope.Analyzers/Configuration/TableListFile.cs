using System.Collections.Generic;

namespace OrgScope.Analyzers.Configuration
{
    /// <summary>
    /// An <c>orgscope.tables</c> file: one <see cref="ScopedTableEntry"/> per line, <c>#</c> starts a comment (outside
    /// backticks), blank lines are ignored. What <c>orgscope scan</c> writes; for lists of a hundred tables.
    /// </summary>
    internal static class TableListFile
    {
        /// <summary>File names recognised as a table list without item metadata.</summary>
        public const string FileName = "orgscope.tables";

        /// <summary>The AdditionalFiles item metadata that marks any file as a table list (made compiler-visible by the package).</summary>
        public const string MetadataKey = "build_metadata.AdditionalFiles.OrgScopeTables";

        public static bool HasListName(string path)
        {
            var slash = path.LastIndexOfAny(new[] { '/', '\\' });
            var name = slash >= 0 ? path.Substring(slash + 1) : path;
            return string.Equals(name, FileName, System.StringComparison.OrdinalIgnoreCase)
                || name.EndsWith("." + FileName, System.StringComparison.OrdinalIgnoreCase);
        }

        public static TableList Parse(string text)
        {
            var entries = new List<ScopedTableEntry>();
            var errors = new List<ConfigurationError>();
            var lineStart = 0;
            var lineNumber = 0;
            while (lineStart <= text.Length)
            {
                var newline = text.IndexOf('\n', lineStart);
                var lineEnd = newline < 0 ? text.Length : newline;
                var line = text.Substring(lineStart, lineEnd - lineStart).TrimEnd('\r');
                var content = StripComment(line);
                if (content.Trim().Length > 0)
                {
                    if (ScopedTableEntry.TryParse(content, out var entry, out var error))
                    {
                        entries.Add(entry!);
                    }
                    else
                    {
                        var indent = content.Length - content.TrimStart().Length;
                        errors.Add(new ConfigurationError(lineNumber, indent, content.TrimEnd().Length, content.Trim() + ": " + error));
                    }
                }

                if (newline < 0)
                {
                    break;
                }

                lineStart = newline + 1;
                lineNumber++;
            }

            return new TableList(entries, errors);
        }

        private static string StripComment(string line)
        {
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                if (line[i] == '`')
                {
                    quoted = !quoted;
                }
                else if (line[i] == '#' && !quoted)
                {
                    return line.Substring(0, i);
                }
            }

            return line;
        }
    }

    internal sealed class TableList
    {
        public TableList(List<ScopedTableEntry> entries, List<ConfigurationError> errors)
        {
            Entries = entries;
            Errors = errors;
        }

        public List<ScopedTableEntry> Entries { get; }

        public List<ConfigurationError> Errors { get; }
    }

    /// <summary>A line of configuration that cannot be read: where (0-based line, character range) and why.</summary>
    internal sealed class ConfigurationError
    {
        public ConfigurationError(int line, int start, int end, string message)
        {
            Line = line;
            Start = start;
            End = end;
            Message = message;
        }

        public int Line { get; }

        public int Start { get; }

        public int End { get; }

        public string Message { get; }
    }
}
