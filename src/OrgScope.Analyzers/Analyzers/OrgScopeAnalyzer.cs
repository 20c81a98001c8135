using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OrgScope.Analyzers.Diagnostics;
using OrgScope.Analyzers.Exemptions;
using OrgScope.Analyzers.Resolution;
using OrgScope.Analyzers.Sinks;
using OrgScope.Analyzers.Sql;

namespace OrgScope.Analyzers.Analyzers
{
    /// <summary>
    /// ORG001-ORG005: finds SQL at its sinks, resolves it to text, and checks every org-scoped table is pinned.
    /// One analyzer for all five rules, so each SQL string is resolved and parsed once.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class OrgScopeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Tests observe the failures the analyzer swallows (they must stay at zero); null in real builds.</summary>
        internal static Action<Exception>? InternalErrorObserver { get; set; }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.MissingOrganizationFilter,
            DiagnosticDescriptors.InsertWithoutOrganization,
            DiagnosticDescriptors.BypassableFilter,
            DiagnosticDescriptors.SchemaProbe,
            DiagnosticDescriptors.UnresolvedSql,
            DiagnosticDescriptors.SqlChecked,
            DiagnosticDescriptors.InvalidConfiguration);

        public override void Initialize(AnalysisContext context)
        {
            // Generated code is skipped by GeneratedCode (cheaper than the driver's check, see there).
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var known = new KnownSymbols(start.Compilation);
                if (known.SqlMapper is null && known.DbCommand is null && known.IDbCommand is null && known.SqlAttribute is null
                    && known.RelationalQueryableExtensions is null && known.RelationalDatabaseFacadeExtensions is null)
                {
                    return;
                }

                var session = new Session(start.Compilation, known, start.Options);
                start.RegisterOperationAction(session.AnalyzeInvocation, OperationKind.Invocation);
                start.RegisterOperationAction(session.AnalyzeObjectCreation, OperationKind.ObjectCreation);
                start.RegisterOperationAction(session.AnalyzeAssignment, OperationKind.SimpleAssignment);
                start.RegisterCompilationEndAction(session.Configuration.ReportProblems);
            });
        }

        /// <summary>Per-compilation state: known symbols and the scope configuration (computed once, lazily, thread-safe).</summary>
        private sealed class Session
        {
            private readonly KnownSymbols _known;
            private readonly AnalyzerOptions _options;
            private readonly GeneratedCode _generatedCode;
            private readonly TeamMarkers _teamMarkers;
            private readonly OptInRule _auditRecords;
            private readonly SourceBodies _bodies;

            // The same SQL text (a shared const, a repeated query) is analysed once per compilation and configuration.
            private readonly ConcurrentDictionary<(string Sql, ScopeSettings Settings, bool Fixes), SqlAnalysisResult> _results =
                new ConcurrentDictionary<(string Sql, ScopeSettings Settings, bool Fixes), SqlAnalysisResult>();

            private const int MaxCachedResults = 20000;

            public Session(Compilation compilation, KnownSymbols known, AnalyzerOptions options)
            {
                _known = known;
                _options = options;
                _generatedCode = new GeneratedCode(compilation, options);
                _teamMarkers = new TeamMarkers(options.AnalyzerConfigOptionsProvider);
                _bodies = new SourceBodies(compilation);
                Configuration = new ScopeConfiguration(compilation, known, options);
                _auditRecords = new OptInRule(DiagnosticDescriptors.SqlChecked.Id, compilation.Options);
            }

            public ScopeConfiguration Configuration { get; }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var argument = SqlSinks.FindSqlArgument(invocation, _known);
                if (argument != null)
                {
                    Analyze(context, invocation, argument.Value, invocation.TargetMethod.Name);
                }
            }

            public void AnalyzeObjectCreation(OperationAnalysisContext context)
            {
                var creation = (IObjectCreationOperation)context.Operation;
                var argument = SqlSinks.FindSqlArgument(creation, _known);
                if (argument != null)
                {
                    Analyze(context, creation, argument.Value, creation.Type?.Name ?? "new");
                }
            }

            public void AnalyzeAssignment(OperationAnalysisContext context)
            {
                var assignment = (ISimpleAssignmentOperation)context.Operation;
                if (SqlSinks.IsSqlAssignment(assignment, _known, out var sinkName))
                {
                    Analyze(context, assignment, assignment.Value, sinkName);
                }
            }

            private void Analyze(OperationAnalysisContext context, IOperation sink, IOperation value, string sinkName)
            {
                try
                {
                    AnalyzeCore(context, sink, value, sinkName);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    // A security analyzer that crashes the build helps nobody: an internal failure means "not checked",
                    // and says so where it happened (a silent skip would be a blind spot).
                    InternalErrorObserver?.Invoke(ex);
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnresolvedSql, value.Syntax.GetLocation(), sinkName, "hit an internal error of the analyzer (" + ex.GetType().Name + ")"));
                }
            }

            private void AnalyzeCore(OperationAnalysisContext context, IOperation sink, IOperation value, string sinkName)
            {
                if (_generatedCode.IsGenerated(value.Syntax.SyntaxTree, context.ContainingSymbol))
                {
                    return;
                }

                var unwrapped = value;
                while (unwrapped is IConversionOperation conversion && conversion.IsImplicit)
                {
                    unwrapped = conversion.Operand;
                }

                // SQL that arrives through an [Sql] parameter is checked at each call site instead; null is no SQL.
                if ((unwrapped is IParameterReferenceOperation parameter && SqlSinks.HasSqlAttribute(parameter.Parameter, _known))
                    || (unwrapped.ConstantValue.HasValue && unwrapped.ConstantValue.Value is null) || unwrapped is IDefaultValueOperation)
                {
                    return;
                }

                // Reviewed exceptions are looked up only where a finding is reported; exempt findings are reported too.
                var exemptions = new ExemptionSite(context.ContainingSymbol, _known.AllowCrossOrgAttribute, sink, value, _teamMarkers.For(value.Syntax.SyntaxTree));
                var alternatives = SqlResolver.Resolve(value, _known.StringBuilder, _bodies, context.CancellationToken);
                Check(context, alternatives, value.Syntax.GetLocation(), sinkName, exemptions);
            }

            /// <summary>
            /// Checks each alternative and reports its findings (deduplicated), or one ORG005 when any part of the SQL
            /// was not checked: unresolved text, a statement the parser does not understand, a table named by a value.
            /// </summary>
            private void Check(OperationAnalysisContext context, List<ResolvedSql>? alternatives, Location site, string sinkName, ExemptionSite exemptions)
            {
                if (alternatives is null || alternatives.Count == 0)
                {
                    context.ReportDiagnostic(Unchecked(site, sinkName, "could not be resolved to text", exemptions));
                    return;
                }

                var settings = Configuration.For(site.SourceTree!);
                var reported = new HashSet<string>(StringComparer.Ordinal);
                bool unresolved = false, unparsed = false, unknownTable = false;
                var record = _auditRecords.IsOn(site.SourceTree!, context.CancellationToken) ? new AuditRecord() : null;
                foreach (var sql in alternatives)
                {
                    var result = AnalyzeSql(sql.Text, settings, computeFixes: alternatives.Count == 1);
                    unresolved |= result.UnresolvedStatements > 0;
                    unparsed |= result.FailedStatements > 0;
                    unknownTable |= result.HoleTables > 0;
                    record?.Add(result);
                    var together = alternatives.Count == 1 ? SqlFixAll.Combine(sql.Text, result, settings) : null;
                    foreach (var finding in result.Findings)
                    {
                        var diagnostic = CreateDiagnostic(finding, sql, site, exemptions, together);
                        if (reported.Add(diagnostic.Id + "|" + diagnostic.Location.SourceSpan + "|" + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
                        {
                            context.ReportDiagnostic(diagnostic);
                        }
                    }
                }

                var reason = unresolved ? "could not be resolved to text"
                    : unparsed ? "could not be parsed"
                    : unknownTable ? "names a table that could not be resolved to text"
                    : null;
                if (reason != null)
                {
                    context.ReportDiagnostic(Unchecked(site, sinkName, reason, exemptions));
                }

                if (record != null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SqlChecked, site, record.Properties(), sinkName, record.Summary()));
                }
            }

            private static Diagnostic Unchecked(Location location, string sinkName, string why, ExemptionSite exemptions)
            {
                var exemption = exemptions.For(DiagnosticDescriptors.UnresolvedSql.Id, location);
                return exemption?.Apply(DiagnosticDescriptors.UnresolvedSql, location, sinkName, why)
                    ?? Diagnostic.Create(DiagnosticDescriptors.UnresolvedSql, location, sinkName, why);
            }

            private SqlAnalysisResult AnalyzeSql(string sql, ScopeSettings settings, bool computeFixes)
            {
                var key = (sql, settings, computeFixes);
                if (_results.TryGetValue(key, out var cached))
                {
                    return cached;
                }

                var result = SqlAnalysis.Analyze(sql, settings, detectProbes: true, computeFixes);
                if (_results.Count < MaxCachedResults)
                {
                    _results.TryAdd(key, result);
                }

                return result;
            }

            private static Diagnostic CreateDiagnostic(
                SqlFinding finding, ResolvedSql sql, Location site, ExemptionSite exemptions, Dictionary<SqlRule, IReadOnlyList<SqlEdit>>? together)
            {
                var location = sql.MapSpan(finding.Start, finding.End) ?? site;
                var qualifier = finding.Alias ?? finding.Subject;
                var (descriptor, arguments) = finding.Rule switch
                {
                    SqlRule.MissingFilter => (DiagnosticDescriptors.MissingOrganizationFilter,
                        new object[] { finding.Alias is null ? finding.Subject : finding.Subject + " " + finding.Alias, qualifier, finding.Column }),
                    SqlRule.InsertWithoutColumn => (DiagnosticDescriptors.InsertWithoutOrganization, new object[] { finding.Subject, finding.Column }),
                    SqlRule.BypassableFilter => (DiagnosticDescriptors.BypassableFilter,
                        new object[] { qualifier, finding.Column, BypassText(finding) }),
                    SqlRule.SchemaProbe => (DiagnosticDescriptors.SchemaProbe, new object[] { finding.Subject }),
                    _ => throw new ArgumentOutOfRangeException(nameof(finding), finding.Rule, "A SQL rule without a diagnostic."),
                };

                // An exempt finding carries its exemption instead of a fix: a bulk fix must never "repair" a reviewed exception.
                var exemption = exemptions.For(descriptor.Id, location, sql, finding.Start);
                return exemption?.Apply(descriptor, location, arguments)
                    ?? Diagnostic.Create(descriptor, location, FixPropertiesOf(finding, sql, together), arguments);
            }

            private static string BypassText(SqlFinding finding)
            {
                switch (finding.Reason)
                {
                    case BypassReason.Literal:
                        return "it compares with a literal";
                    case BypassReason.ChangesSharedRows:
                        return "it admits the shared organization ids (" + finding.SharedIds + "), so this UPDATE or DELETE changes rows every organization sees";
                    default:
                        return "it sits under an OR";
                }
            }

            private static ImmutableDictionary<string, string?>? FixPropertiesOf(SqlFinding finding, ResolvedSql sql, Dictionary<SqlRule, IReadOnlyList<SqlEdit>>? together)
            {
                var edits = MapEdits(finding.Edits, sql);
                if (edits is null)
                {
                    return null;
                }

                var all = together != null && together.TryGetValue(finding.Rule, out var combined) ? MapEdits(combined, sql) : null;
                return FixProperties.Create(edits, all);
            }

            /// <summary>SQL insertions as source insertions; null when there are none or one cannot be placed.</summary>
            private static List<KeyValuePair<int, string>>? MapEdits(IReadOnlyList<SqlEdit> sqlEdits, ResolvedSql sql)
            {
                if (sqlEdits.Count == 0)
                {
                    return null;
                }

                var edits = new List<KeyValuePair<int, string>>();
                foreach (var edit in sqlEdits)
                {
                    var position = sql.MapInsertion(edit.Offset);
                    if (position < 0)
                    {
                        return null;
                    }

                    edits.Add(new KeyValuePair<int, string>(position, edit.Text));
                }

                return edits;
            }
        }
    }
}
