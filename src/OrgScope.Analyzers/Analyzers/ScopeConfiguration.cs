using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using OrgScope.Analyzers.Configuration;
using OrgScope.Analyzers.Diagnostics;
using OrgScope.Analyzers.Sinks;
using OrgScope.Analyzers.Sql;

namespace OrgScope.Analyzers.Analyzers
{
    /// <summary>
    /// The checker's settings for a syntax tree: the tables the code declares (<see cref="ScopedTablesReader"/>), plus
    /// the analyzer config keys (from the tree's .editorconfig sections, else the global config) and the
    /// <c>orgscope.tables</c> list files among the AdditionalFiles. One <see cref="ScopeSettings"/> per distinct set of
    /// values, computed once per compilation; configuration that cannot be read is reported once, as ORG008.
    /// </summary>
    internal sealed class ScopeConfiguration
    {
        public const string ScopedTablesKey = "orgscope.scoped_tables";
        public const string OrganizationColumnKey = "orgscope.organization_column";
        public const string SharedIdsKey = "orgscope.shared_organization_ids";
        public const string TrustLookupJoinsKey = "orgscope.trust_lookup_joins";
        public const string TablePrefixesKey = "orgscope.table_prefixes";

        private readonly AnalyzerOptions _options;
        private readonly Lazy<List<ScopedTableEntry>> _declared;
        private readonly Lazy<List<ListFile>> _listFiles;
        private readonly ConcurrentDictionary<string, ScopeSettings> _settings = new ConcurrentDictionary<string, ScopeSettings>(StringComparer.Ordinal);
        // One OptionValues per distinct set of values (by CacheKey), so the end-of-compilation check reads each set once.
        private readonly ConcurrentDictionary<string, OptionValues> _values = new ConcurrentDictionary<string, OptionValues>(StringComparer.Ordinal);

        private readonly ConcurrentDictionary<SyntaxTree, (OptionValues Values, ScopeSettings Settings)> _byTree =
            new ConcurrentDictionary<SyntaxTree, (OptionValues Values, ScopeSettings Settings)>();

        public ScopeConfiguration(Compilation compilation, KnownSymbols known, AnalyzerOptions options)
        {
            _options = options;
            _declared = new Lazy<List<ScopedTableEntry>>(() => ScopedTablesReader.ReadCompilation(compilation, known, default), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            _listFiles = new Lazy<List<ListFile>>(ReadListFiles, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>The settings for one file: read from its options once, shared by every file with the same values.</summary>
        public ScopeSettings For(SyntaxTree tree) => FileOf(tree).Settings;

        private (OptionValues Values, ScopeSettings Settings) FileOf(SyntaxTree tree) => _byTree.GetOrAdd(tree, t =>
        {
            var read = OptionValues.Read(_options, t);
            var values = _values.GetOrAdd(read.CacheKey, read);
            return (values, _settings.GetOrAdd(values.CacheKey, _ => Build(values)));
        });

        /// <summary>ORG008 for every list-file line and every option value that cannot be read (each is ignored, never guessed).</summary>
        public void ReportProblems(CompilationAnalysisContext context)
        {
            foreach (var file in _listFiles.Value)
            {
                foreach (var error in file.List.Errors)
                {
                    var line = file.Text.Lines[Math.Min(error.Line, file.Text.Lines.Count - 1)];
                    var span = TextSpan.FromBounds(Math.Min(line.Start + error.Start, line.End), Math.Min(line.Start + error.End, line.End));
                    var location = Location.Create(file.Path, span, file.Text.Lines.GetLinePositionSpan(span));
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidConfiguration, location, "line " + (error.Line + 1) + " of the table list: " + error.Message));
                }
            }

            // The files the analysis met were read then; only the others are read here.
            foreach (var tree in context.Compilation.SyntaxTrees)
            {
                if (!_byTree.ContainsKey(tree))
                {
                    var read = OptionValues.Read(_options, tree);
                    _values.TryAdd(read.CacheKey, read);
                }
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var values in _values.Values)
            {
                foreach (var problem in values.Problems())
                {
                    if (seen.Add("problem\u0001" + problem))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidConfiguration, Location.None, problem));
                    }
                }
            }
        }

        private ScopeSettings Build(OptionValues values)
        {
            // Declared tables first: an entity's own column wins over a configured default.
            var entries = new List<ScopedTableEntry>(_declared.Value);
            entries.AddRange(ScopedTableSet.ParseList(values.ScopedTables));
            foreach (var file in _listFiles.Value)
            {
                entries.AddRange(file.List.Entries);
            }

            var tables = ScopedTableSet.Create(entries, values.OrganizationColumns);
            return new ScopeSettings(tables, SharedOrganizationIds.Parse(values.SharedIds), values.TrustLookupJoins, values.TablePrefixes);
        }

        private List<ListFile> ReadListFiles()
        {
            var files = new List<ListFile>();
            var paths = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var file in _options.AdditionalFiles)
            {
                // The package adds orgscope.tables beside the project; a project may list it again.
                if (!paths.Add(file.Path))
                {
                    continue;
                }

                if (!TableListFile.HasListName(file.Path)
                    && !(_options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(TableListFile.MetadataKey, out var marked)
                         && string.Equals(marked?.Trim(), "true", StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var text = file.GetText();
                if (text != null)
                {
                    files.Add(new ListFile(file.Path, text, TableListFile.Parse(text.ToString())));
                }
            }

            return files;
        }

        private sealed class ListFile
        {
            public ListFile(string path, SourceText text, TableList list)
            {
                Path = path;
                Text = text;
                List = list;
            }

            public string Path { get; }

            public SourceText Text { get; }

            public TableList List { get; }
        }

        /// <summary>The raw values of the keys for one tree: a tree's own sections win over the global config.</summary>
        private sealed class OptionValues
        {
            private OptionValues(string? scopedTables, string? organizationColumn, string? sharedIds, string? trustLookupJoins, string? tablePrefixes)
            {
                ScopedTables = scopedTables;
                RawOrganizationColumn = organizationColumn;
                SharedIds = sharedIds;
                RawTrustLookupJoins = trustLookupJoins;
                RawTablePrefixes = tablePrefixes;
                CacheKey = string.Join("\u0001", scopedTables, organizationColumn, sharedIds, trustLookupJoins, tablePrefixes);
            }

            public string? RawTablePrefixes { get; }

            /// <summary>The comma-separated prefixes, trimmed; a prefix must be a plain name part (letters, digits, _ and $).</summary>
            public IReadOnlyList<string> TablePrefixes => (RawTablePrefixes ?? string.Empty)
                .Split(',').Select(p => p.Trim()).Where(p => p.Length > 0 && p.All(SqlLexer.IsWordChar)).ToList();

            public string? ScopedTables { get; }

            public string? RawOrganizationColumn { get; }

            public string? SharedIds { get; }

            public string? RawTrustLookupJoins { get; }

            public string CacheKey { get; }

            public IReadOnlyList<string>? OrganizationColumns =>
                RawOrganizationColumn != null && ScopedTableEntry.TryParseColumns(RawOrganizationColumn, out var columns, out _) ? columns : null;

            public bool TrustLookupJoins => string.Equals(RawTrustLookupJoins?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

            public static OptionValues Read(AnalyzerOptions options, SyntaxTree tree)
            {
                var local = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
                var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
                string? Value(string key) =>
                    local.TryGetValue(key, out var value) || global.TryGetValue(key, out value) ? (string.IsNullOrWhiteSpace(value) ? null : value) : null;
                return new OptionValues(Value(ScopedTablesKey), Value(OrganizationColumnKey), Value(SharedIdsKey), Value(TrustLookupJoinsKey), Value(TablePrefixesKey));
            }

            public IEnumerable<string> Problems()
            {
                var errors = new List<string>();
                ScopedTableSet.ParseList(ScopedTables, errors);
                foreach (var error in errors)
                {
                    yield return ScopedTablesKey + " entry " + error;
                }

                if (RawOrganizationColumn != null && !ScopedTableEntry.TryParseColumns(RawOrganizationColumn, out _, out var columnError))
                {
                    yield return OrganizationColumnKey + " = '" + RawOrganizationColumn.Trim() + "': " + columnError;
                }

                foreach (var prefix in (RawTablePrefixes ?? string.Empty).Split(',').Select(p => p.Trim()).Where(p => p.Length > 0 && !p.All(SqlLexer.IsWordChar)))
                {
                    yield return TablePrefixesKey + " entry '" + prefix + "': a table prefix is letters, digits, _ or $ (ignored)";
                }

                var trust = RawTrustLookupJoins?.Trim();
                if (trust != null && !string.Equals(trust, "true", StringComparison.OrdinalIgnoreCase) && !string.Equals(trust, "false", StringComparison.OrdinalIgnoreCase))
                {
                    yield return TrustLookupJoinsKey + " = '" + trust + "': expected true or false (lookup joins stay untrusted)";
                }
            }
        }
    }
}
