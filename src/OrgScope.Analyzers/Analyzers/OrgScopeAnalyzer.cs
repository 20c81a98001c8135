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
            private readonly SqlParameterFlow _flow;

            // The same SQL text (a shared const, a repeated query) is analysed once per compilation and configuration.
            private readonly ConcurrentDictionary<(string Sql, ScopeSettings Settings, bool Fixes), SqlAnalysisResult> _results =
                new ConcurrentDictionary<(string Sql, ScopeSettings Settings, bool Fixes), SqlAnalysisResult>();

            private const int MaxCachedResults = 20000;

            // Which parameters of a called method take SQL: the same few methods are called at thousands of sites.
            private readonly ConcurrentDictionary<IMethodSymbol, bool[]> _sqlParameters = new ConcurrentDictionary<IMethodSymbol, bool[]>(SymbolEqualityComparer.Default);
            private readonly Func<IMethodSymbol, bool[]> _sqlParametersOf;

            public Session(Compilation compilation, KnownSymbols known, AnalyzerOptions options)
            {
                _known = known;
                _options = options;
                _sqlParametersOf = method => SqlSinks.SqlParametersOf(method, known);
                _generatedCode = new GeneratedCode(compilation, options);
                _teamMarkers = new TeamMarkers(options.AnalyzerConfigOptionsProvider);
                _bodies = new SourceBodies(compilation);
                _flow = new SqlParameterFlow(known, _bodies);
                Configuration = new ScopeConfiguration(compilation, known, options);
                _auditRecords = new OptInRule(DiagnosticDescriptors.SqlChecked.Id, compilation.Options);
            }

            public ScopeConfiguration Configuration { get; }

            public void AnalyzeInvocation(OperationAnalysisContext context)
            {
                var invocation = (IInvocationOperation)context.Operation;
                var argument = SqlSinks.FindSqlArgument(invocation, _sqlParameters.GetOrAdd(invocation.TargetMethod, _sqlParametersOf));
                if (argument != null)
                {
                    Analyze(context, invocation, argument.Value, invocation.TargetMethod.Name);
                }
                else if (SqlParameterFlow.MayPassSqlOn(invocation.TargetMethod))
                {
                    AnalyzeHelperCall(context, invocation, invocation.TargetMethod);
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
                else if (SqlParameterFlow.MayPassSqlOn(creation.Constructor))
                {
                    AnalyzeHelperCall(context, creation, creation.Constructor!);
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
                if ((unwrapped is IParameterReferenceOperation parameter && SqlSinks.HasSqlAttributeOrInherited(parameter.Parameter, _known)) || IsNoSql(unwrapped))
                {
                    return;
                }

                // Reviewed exceptions are looked up only where a finding is reported; exempt findings are reported too.
                var exemptions = new ExemptionSite(context.ContainingSymbol, _known.AllowCrossOrgAttribute, sink, value, _teamMarkers);
                var site = value.Syntax.GetLocation();

                // SQL this helper's own parameters give its structure is checked at each of its calls, with the callers' text.
                if (MentionsVariables(value) && FollowedToCallers(context, sink, value.Syntax, out var helper, out var mask))
                {
                    ReportFollowed(context, site, sinkName, helper!, mask, unwrapped is IParameterReferenceOperation, exemptions);
                    return;
                }

                var alternatives = SqlResolver.Resolve(value, _known.StringBuilder, _bodies, context.CancellationToken);
                var reason = Check(context, alternatives, site, sinkName, exemptions);
                if (alternatives is null && unwrapped is IParameterReferenceOperation unfollowed && unfollowed.Parameter.ContainingSymbol is IMethodSymbol dispatched
                    && !SourceBodies.IsFollowable(dispatched))
                {
                    context.ReportDiagnostic(Unchecked(site, sinkName, "comes from parameter '" + unfollowed.Parameter.Name + "' of '" + Name(dispatched)
                        + "', whose calls are not followed (virtual, interface or delegate dispatch: mark the parameter of the method the callers call [OrgScope.Sql])", exemptions));
                    return;
                }

                Report(context, site, sinkName, reason, exemptions);
            }

            /// <summary>
            /// A call of a helper in the compilation whose parameters are part of the SQL's structure at a sink
            /// (<see cref="SqlParameterFlow"/>): those sinks are checked here, with the helper's text and this call's arguments.
            /// </summary>
            private void AnalyzeHelperCall(OperationAnalysisContext context, IOperation call, IMethodSymbol helper)
            {
                try
                {
                    var flow = _flow.FlowOf(helper, context.CancellationToken);
                    if (flow.Mask == 0 || _generatedCode.IsGenerated(call.Syntax.SyntaxTree, context.ContainingSymbol)
                        || OwnersOf(call, context.ContainingSymbol).Any(owner => SymbolEqualityComparer.Default.Equals(owner.OriginalDefinition, helper.OriginalDefinition)))
                    {
                        // A helper calling itself runs the sinks its outer calls already check.
                        return;
                    }

                    var sqlArguments = ParameterBindings.ArgumentsOf(call)
                        .Where(a => a.Parameter is { Ordinal: < 31 } p && (flow.Mask & (1 << p.Ordinal)) != 0 && !IsNoSql(a.Value))
                        .OrderBy(a => a.ArgumentKind == ArgumentKind.Explicit ? 0 : 1)
                        .ToList();
                    if (sqlArguments.Count == 0)
                    {
                        return;
                    }

                    var site = sqlArguments[0].Value.Syntax.GetLocation();
                    var exemptions = new ExemptionSite(context.ContainingSymbol, _known.AllowCrossOrgAttribute, call, sqlArguments[0].Value, _teamMarkers);
                    if (FollowedToCallers(context, call, call.Syntax, out var outer, out var outerMask))
                    {
                        ReportFollowed(context, site, helper.Name, outer!, outerMask, sqlArguments.Any(a => IsParameter(a.Value)), exemptions);
                        return;
                    }

                    if (flow.Paths is null)
                    {
                        context.ReportDiagnostic(Unchecked(site, helper.Name, "reaches more than " + SqlParameterFlow.MaxPaths + " sinks through '" + Name(helper) + "'", exemptions));
                        return;
                    }

                    var alternatives = new List<ResolvedSql>();
                    var partlyUnresolved = false;
                    foreach (var path in flow.Paths)
                    {
                        var resolved = SqlResolver.Resolve(path.Sink.Value, call, path.Bindings(call), _known.StringBuilder, _bodies, context.CancellationToken);
                        if (resolved is null)
                        {
                            partlyUnresolved = true;
                        }
                        else
                        {
                            alternatives.AddRange(resolved);
                        }
                    }

                    var reason = Check(context, alternatives.Count == 0 ? null : alternatives, site, helper.Name, exemptions, partlyUnresolved);
                    Report(context, site, helper.Name, reason, exemptions);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    InternalErrorObserver?.Invoke(ex);
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnresolvedSql, call.Syntax.GetLocation(), helper.Name, "hit an internal error of the analyzer (" + ex.GetType().Name + ")"));
                }
            }

            /// <summary>
            /// True when <paramref name="site"/> (a sink's SQL value or a helper call) is where the followed parameters of
            /// a method holding it (a local function, else the member) shape the SQL: it is then checked at every call of
            /// that method instead. <paramref name="helper"/> and <paramref name="mask"/> say which.
            /// </summary>
            private bool FollowedToCallers(OperationAnalysisContext context, IOperation operation, SyntaxNode site, out IMethodSymbol? helper, out int mask)
            {
                foreach (var owner in OwnersOf(operation, context.ContainingSymbol))
                {
                    mask = SqlParameterFlow.MayPassSqlOn(owner) ? _flow.FlowOf(owner, context.CancellationToken).MaskAt(site) : 0;
                    if (mask != 0)
                    {
                        helper = owner;
                        return true;
                    }
                }

                helper = null;
                mask = 0;
                return false;
            }

            private static IEnumerable<IMethodSymbol> OwnersOf(IOperation operation, ISymbol containingSymbol)
            {
                for (var current = operation.Parent; current != null; current = current.Parent)
                {
                    if (current is ILocalFunctionOperation local)
                    {
                        yield return local.Symbol;
                    }
                }

                if (containingSymbol is IMethodSymbol member)
                {
                    yield return member;
                }
            }

            /// <summary>
            /// The sink's SQL is checked at the helper's calls in this compilation. Still not checked, and said so here:
            /// calls through an interface the helper implements, and calls from other projects when the helper is public
            /// (unless the parameter carries [Sql], which their analyzers read from metadata).
            /// </summary>
            private void ReportFollowed(OperationAnalysisContext context, Location site, string sinkName, IMethodSymbol helper, int mask, bool wholeStatement, ExemptionSite exemptions)
            {
                var parameters = helper.Parameters.Where(p => p.Ordinal < 31 && (mask & (1 << p.Ordinal)) != 0).ToList();
                var implemented = SqlSinks.InterfaceMembersOf(helper).FirstOrDefault();
                if (implemented != null)
                {
                    context.ReportDiagnostic(Unchecked(site, sinkName, "comes from a parameter of '" + Name(helper) + "', which is also called through '"
                        + Name(implemented) + "' (calls through an interface are not followed: mark that parameter [OrgScope.Sql])", exemptions));
                    return;
                }

                if (!IsVisibleOutsideAssembly(helper) || parameters.Count == 0 || parameters.Any(p => SqlSinks.HasSqlAttribute(p, _known)))
                {
                    return;
                }

                context.ReportDiagnostic(Unchecked(site, sinkName, "comes from parameter '" + parameters[0].Name + "' of '" + Name(helper)
                    + "', which is followed to this project's calls only ("
                    + (wholeStatement ? "mark the parameter [OrgScope.Sql] so that calls from other projects are checked too)" : "calls from other projects are not checked)"),
                    exemptions));
            }

            private static bool IsVisibleOutsideAssembly(ISymbol symbol)
            {
                for (var current = symbol; current != null && !(current is INamespaceSymbol); current = current.ContainingSymbol)
                {
                    if (current is IMethodSymbol { MethodKind: MethodKind.LocalFunction }
                        || !(current.DeclaredAccessibility == Accessibility.Public || current.DeclaredAccessibility == Accessibility.Protected
                             || current.DeclaredAccessibility == Accessibility.ProtectedOrInternal))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static string Name(IMethodSymbol method) => method.ContainingType is null ? method.Name : method.ContainingType.Name + "." + method.Name;

            /// <summary>
            /// A string parameter or a local in the SQL expression: only then can it be made of a helper's parameters (the
            /// flow starts at string-typed parameters, <see cref="SqlParameterFlow.IsSqlType"/>; a number in an
            /// interpolation hole is a value, and no flow needs computing for its method).
            /// </summary>
            private static bool MentionsVariables(IOperation value)
            {
                if (MayCarrySql(value))
                {
                    return true;
                }

                foreach (var operation in value.Descendants())
                {
                    if (MayCarrySql(operation))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool MayCarrySql(IOperation operation) =>
                operation is ILocalReferenceOperation || (operation is IParameterReferenceOperation parameter && SqlParameterFlow.IsSqlType(parameter.Parameter.Type));

            private static bool IsParameter(IOperation value)
            {
                while (value is IConversionOperation conversion && conversion.IsImplicit)
                {
                    value = conversion.Operand;
                }

                return value is IParameterReferenceOperation;
            }

            private static bool IsNoSql(IOperation value)
            {
                while (value is IConversionOperation conversion && conversion.IsImplicit)
                {
                    value = conversion.Operand;
                }

                return (value.ConstantValue.HasValue && value.ConstantValue.Value is null) || value is IDefaultValueOperation;
            }

            /// <summary>Why (part of) the SQL at a site was not checked, most telling first.</summary>
            private enum NotChecked
            {
                None,
                Resolved,
                Parsed,
                Table,
            }

            /// <summary>
            /// Checks each alternative and reports its findings (deduplicated) and the site's audit record (ORG007); returns
            /// what was not checked, if anything: unresolved text, a statement the parser does not understand, a table
            /// named by a value.
            /// </summary>
            private NotChecked Check(OperationAnalysisContext context, List<ResolvedSql>? alternatives, Location site, string sinkName, ExemptionSite exemptions, bool partlyUnresolved = false)
            {
                if (alternatives is null || alternatives.Count == 0)
                {
                    return NotChecked.Resolved;
                }

                var settings = Configuration.For(site.SourceTree!);
                HashSet<string>? reported = null; // most sites are clean: no set for them
                bool unresolved = partlyUnresolved, unparsed = false, unknownTable = false;
                var record = _auditRecords.IsOn(site.SourceTree!, context.CancellationToken) ? new AuditRecord() : null;
                foreach (var sql in alternatives)
                {
                    var result = AnalyzeSql(sql.Text, settings, computeFixes: alternatives.Count == 1);
                    unresolved |= result.UnresolvedStatements > 0;
                    unparsed |= result.FailedStatements > 0;
                    unknownTable |= result.HoleTables > 0;
                    record?.Add(result);
                    // Fix All needs two fixable findings of one rule at least.
                    var together = alternatives.Count == 1 && result.Findings.Count > 1 ? SqlFixAll.Combine(sql.Text, result, settings) : null;
                    foreach (var finding in result.Findings)
                    {
                        var diagnostic = CreateDiagnostic(finding, sql, site, exemptions, together);
                        reported ??= new HashSet<string>(StringComparer.Ordinal);
                        if (reported.Add(diagnostic.Id + "|" + diagnostic.Location.SourceSpan + "|" + diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)))
                        {
                            context.ReportDiagnostic(diagnostic);
                        }
                    }
                }

                if (record != null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.SqlChecked, site, record.Properties(), sinkName, record.Summary()));
                }

                return unresolved ? NotChecked.Resolved : unparsed ? NotChecked.Parsed : unknownTable ? NotChecked.Table : NotChecked.None;
            }

            private static void Report(OperationAnalysisContext context, Location site, string sinkName, NotChecked reason, ExemptionSite exemptions)
            {
                var why = reason switch
                {
                    NotChecked.Resolved => "could not be resolved to text",
                    NotChecked.Parsed => "could not be parsed",
                    NotChecked.Table => "names a table that could not be resolved to text",
                    _ => null,
                };
                if (why != null)
                {
                    context.ReportDiagnostic(Unchecked(site, sinkName, why, exemptions));
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
                    SqlRule.InsertWithoutColumn => (DiagnosticDescriptors.InsertWithoutOrganization,
                        new object[] { finding.Subject, finding.Column, finding.NoColumnList ? " by name: it has no column list" : string.Empty }),
                    SqlRule.BypassableFilter => (DiagnosticDescriptors.BypassableFilter,
                        new object[] { qualifier, finding.Column, BypassText(finding) }),
                    SqlRule.SchemaProbe => (DiagnosticDescriptors.SchemaProbe, new object[] { finding.Subject }),
                    _ => throw new ArgumentOutOfRangeException(nameof(finding), finding.Rule, "A SQL rule without a diagnostic."),
                };

                // An exempt finding carries its exemption instead of a fix: a bulk fix must never "repair" a reviewed exception.
                // Either way it names its site when it lies outside it, so that an audit counts it where it belongs.
                var link = SiteLink.Of(location, site);
                var exemption = exemptions.For(descriptor.Id, location, sql, finding.Start);
                return exemption?.Apply(descriptor, location, link, arguments)
                    ?? Diagnostic.Create(descriptor, location, (FixPropertiesOf(finding, sql, together) ?? link).SetItems(link), arguments);
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
