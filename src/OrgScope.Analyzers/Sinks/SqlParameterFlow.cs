using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OrgScope.Analyzers.Exemptions;
using OrgScope.Analyzers.Resolution;

namespace OrgScope.Analyzers.Sinks
{
    /// <summary>
    /// SQL that reaches a sink through the application's own string parameters: a repository helper
    /// <c>Query(string sql)</c> that passes <c>sql</c> on to Dapper, possibly through further helpers. A helper's
    /// parameter is followed when it is part of the SQL's structure — the helper's sink cannot be checked on its own
    /// (with the parameter as an unknown value the statement is unresolved, a table name is unknown, or the parameter is
    /// a whole condition) — and each call
    /// of the helper is then checked at the call site, with the helper's text and the caller's arguments together, as
    /// if the parameter were marked <c>[Sql]</c>. A parameter used as a value (<c>ORDER BY {sort}</c>,
    /// <c>WHERE name = '{name}'</c>) is not: that sink is checked in the helper, as before.
    /// Per compilation, lazily: one <see cref="HelperSummary"/> per helper (built from its operation tree the first time
    /// a call of it is met) and one <see cref="HelperFlow"/> (its followed paths, up to
    /// <see cref="SqlResolver.MaxCallDepth"/> helpers deep). Followed: methods, local functions and constructors of the
    /// compilation whose body runs whenever they are called (<see cref="SourceBodies.IsFollowable"/>); sinks inside their
    /// lambdas count. Not followed: virtual/interface dispatch, delegates, fields, other assemblies.
    /// </summary>
    internal sealed class SqlParameterFlow
    {
        /// <summary>How many (helper chain, sink) paths one helper may have before its calls are reported as not checked.</summary>
        public const int MaxPaths = 16;

        private readonly KnownSymbols _known;
        private readonly SourceBodies _bodies;
        private readonly ConcurrentDictionary<IMethodSymbol, HelperSummary> _summaries = new ConcurrentDictionary<IMethodSymbol, HelperSummary>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IMethodSymbol, HelperFlow> _flows = new ConcurrentDictionary<IMethodSymbol, HelperFlow>(SymbolEqualityComparer.Default);

        public SqlParameterFlow(KnownSymbols known, SourceBodies bodies)
        {
            _known = known;
            _bodies = bodies;
        }

        /// <summary>A cheap first look at any call: could it be a helper that passes SQL on?</summary>
        public static bool MayPassSqlOn(IMethodSymbol? method) =>
            method != null && !method.OriginalDefinition.DeclaringSyntaxReferences.IsEmpty && method.Parameters.Any(p => IsSqlType(p.Type))
            && SourceBodies.IsFollowable(method);

        /// <summary>Which parameters of <paramref name="method"/> are followed to its calls, and along which paths.</summary>
        public HelperFlow FlowOf(IMethodSymbol method, CancellationToken cancellationToken) =>
            _flows.GetOrAdd(method.OriginalDefinition, m => ComputeFlow(m, cancellationToken));

        /// <summary>The summary of a followable method (<see cref="HelperSummary.None"/> for anything else).</summary>
        public HelperSummary SummaryOf(IMethodSymbol method, CancellationToken cancellationToken) =>
            _summaries.GetOrAdd(method.OriginalDefinition, m => Summarize(m, cancellationToken));

        private HelperFlow ComputeFlow(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var candidates = Collect(method, 0, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default), cancellationToken);
            if (candidates is null)
            {
                // Too many ways to a sink: every call is reported as not checked rather than half-checked.
                return new HelperFlow(SummaryOf(method, cancellationToken).Sinks.Aggregate(0, (m, s) => m | s.Mask), null);
            }

            var followed = new List<SqlPath>();
            foreach (var path in candidates)
            {
                if (IsStructural(path, cancellationToken))
                {
                    if (followed.Count == MaxPaths)
                    {
                        return new HelperFlow(followed.Aggregate(path.Mask, (m, p) => m | p.Mask), null);
                    }

                    followed.Add(path);
                }
            }

            return new HelperFlow(followed.Aggregate(0, (m, p) => m | p.Mask), followed);
        }

        /// <summary>
        /// The paths from <paramref name="method"/>'s parameters to sinks (masks in <paramref name="method"/>'s terms);
        /// null when there are too many to follow.
        /// </summary>
        private List<SqlPath>? Collect(IMethodSymbol method, int depth, HashSet<IMethodSymbol> stack, CancellationToken cancellationToken)
        {
            var summary = SummaryOf(method, cancellationToken);
            var paths = summary.Sinks.Select(sink => new SqlPath(System.Array.Empty<IOperation>(), sink, sink.Mask)).ToList();
            if (depth + 1 >= SqlResolver.MaxCallDepth || summary.Calls.Count == 0 || !stack.Add(method))
            {
                return paths;
            }

            foreach (var call in summary.Calls)
            {
                var inner = Collect(call.Target, depth + 1, stack, cancellationToken);
                if (inner is null)
                {
                    return null;
                }

                foreach (var path in inner)
                {
                    var mask = 0;
                    foreach (var argument in call.Arguments)
                    {
                        if ((path.Mask & (1 << argument.CalleeOrdinal)) != 0)
                        {
                            mask |= argument.CallerMask;
                        }
                    }

                    if (mask != 0)
                    {
                        paths.Add(new SqlPath(new[] { call.Call }.Concat(path.Calls).ToArray(), path.Sink, mask));
                    }
                }

                if (paths.Count > MaxPaths * 4)
                {
                    return null;
                }
            }

            stack.Remove(method);
            return paths;
        }

        /// <summary>
        /// True when the sink cannot be checked inside the helper: with the helper's parameters unknown, its SQL is
        /// unresolved, a statement starts or breaks where a parameter goes, a table is named by one, or one stands as a
        /// whole condition (<c>"... WHERE " + where</c>: the callers' text decides whether the table is pinned).
        /// </summary>
        private bool IsStructural(SqlPath path, CancellationToken cancellationToken)
        {
            var alternatives = SqlResolver.Resolve(path.Sink.Value, path.Sink.Value, path.Bindings(null), _known.StringBuilder, _bodies, cancellationToken);
            if (alternatives is null)
            {
                return true;
            }

            foreach (var sql in alternatives)
            {
                var parsed = Sql.SqlParser.Parse(sql.Text);
                if (parsed.UnresolvedStatements > 0 || parsed.HoleTables > 0 || parsed.PredicateHoles > 0)
                {
                    return true;
                }
            }

            return false;
        }

        private HelperSummary Summarize(IMethodSymbol method, CancellationToken cancellationToken)
        {
            var body = _bodies.BodyOf(method, cancellationToken);
            if (body is null || AllowCrossOrgAttributes.Find(method, _known.AllowCrossOrgAttribute) != null)
            {
                // A helper marked [AllowCrossOrg] is cross-organization for whatever SQL it is given.
                return HelperSummary.None;
            }

            var taint = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
            foreach (var parameter in method.Parameters)
            {
                if (parameter.Ordinal < 31 && IsSqlType(parameter.Type))
                {
                    taint[parameter] = 1 << parameter.Ordinal;
                }
            }

            if (taint.Count == 0)
            {
                return HelperSummary.None;
            }

            var operations = body.Descendants().ToList();
            var summary = new HelperSummary(taint);

            // Locals and builders that hold a parameter's text (two passes: a loop may write before it reads).
            for (var pass = 0; pass < 2; pass++)
            {
                foreach (var operation in operations)
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when declarator.Initializer != null:
                            summary.Taint(declarator.Symbol, summary.MaskOf(declarator.Initializer.Value));
                            break;
                        case IAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation local:
                            summary.Taint(local.Local, summary.MaskOf(assignment.Value));
                            break;
                        case IInvocationOperation invocation when ReceiverLocal(invocation) is { } receiver:
                            // sb.Append(sql): the builder now holds the text.
                            summary.Taint(receiver, invocation.Arguments.Aggregate(0, (m, a) => m | summary.MaskOf(a.Value)));
                            break;
                    }
                }
            }

            foreach (var operation in operations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        AddSinkOrCall(summary, invocation, invocation.TargetMethod, SqlSinks.FindSqlArgument(invocation, _known), invocation.TargetMethod.Name, method);
                        break;
                    case IObjectCreationOperation creation when creation.Constructor != null:
                        AddSinkOrCall(summary, creation, creation.Constructor, SqlSinks.FindSqlArgument(creation, _known), creation.Type?.Name ?? "new", method);
                        break;
                    case ISimpleAssignmentOperation assignment when SqlSinks.IsSqlAssignment(assignment, _known, out var sinkName):
                        summary.AddSink(assignment.Value, sinkName);
                        break;
                }
            }

            return summary.IsEmpty ? HelperSummary.None : summary;
        }

        private static void AddSinkOrCall(HelperSummary summary, IOperation call, IMethodSymbol target, IArgumentOperation? sqlArgument, string sinkName, IMethodSymbol self)
        {
            if (sqlArgument != null)
            {
                summary.AddSink(sqlArgument.Value, sinkName);
                return;
            }

            if (!MayPassSqlOn(target) || SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, self))
            {
                return;
            }

            var arguments = new List<(int, int)>();
            foreach (var argument in ParameterBindings.ArgumentsOf(call))
            {
                var mask = argument.Parameter is { Ordinal: < 31 } parameter && IsSqlType(parameter.Type) ? summary.MaskOf(argument.Value) : 0;
                if (mask != 0)
                {
                    arguments.Add((argument.Parameter!.Ordinal, mask));
                }
            }

            if (arguments.Count > 0)
            {
                summary.AddCall(new HelperCall(call, target.OriginalDefinition, arguments));
            }
        }

        /// <summary>The local a call is made on, through a chain (sb.Append(a).Append(b)); null if none.</summary>
        private static ILocalSymbol? ReceiverLocal(IInvocationOperation invocation)
        {
            var instance = invocation.Instance;
            while (instance is IInvocationOperation inner)
            {
                instance = inner.Instance;
            }

            return (instance as ILocalReferenceOperation)?.Local;
        }

        public static bool IsSqlType(ITypeSymbol type) =>
            type.SpecialType == SpecialType.System_String || (type.Name == "FormattableString" && type.ContainingNamespace?.Name == "System");
    }

    /// <summary>What one helper does with its SQL-typed parameters: the sinks and further helpers they reach.</summary>
    internal sealed class HelperSummary
    {
        public static readonly HelperSummary None = new HelperSummary(new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default));

        private readonly Dictionary<ISymbol, int> _taint;
        private readonly List<HelperSink> _sinks = new List<HelperSink>();
        private readonly List<HelperCall> _calls = new List<HelperCall>();

        public HelperSummary(Dictionary<ISymbol, int> taint) => _taint = taint;

        public IReadOnlyList<HelperSink> Sinks => _sinks;

        public IReadOnlyList<HelperCall> Calls => _calls;

        public bool IsEmpty => _sinks.Count == 0 && _calls.Count == 0;

        /// <summary>
        /// Which of the helper's parameters <paramref name="value"/>'s text is made of (bit = ordinal; 0: none): followed
        /// only where the resolver can put the caller's text in their place (concatenation, interpolation, branches,
        /// string.Format/Concat, builders, helpers' returns), not through an opaque call such as <c>sql.Trim()</c>.
        /// </summary>
        public int MaskOf(IOperation value)
        {
            if (_taint.Count == 0)
            {
                return 0;
            }

            switch (value)
            {
                case IParameterReferenceOperation parameter:
                    return _taint.TryGetValue(parameter.Parameter, out var parameterMask) ? parameterMask : 0;
                case ILocalReferenceOperation local:
                    return _taint.TryGetValue(local.Local, out var localMask) ? localMask : 0;
                case IConversionOperation conversion:
                    return MaskOf(conversion.Operand);
                case IParenthesizedOperation parenthesized:
                    return MaskOf(parenthesized.Operand);
                case IArgumentOperation argument:
                    return MaskOf(argument.Value);
                case IBinaryOperation binary:
                    return MaskOf(binary.LeftOperand) | MaskOf(binary.RightOperand);
                case IConditionalOperation conditional:
                    return MaskOf(conditional.WhenTrue) | (conditional.WhenFalse is null ? 0 : MaskOf(conditional.WhenFalse));
                case ICoalesceOperation coalesce:
                    return MaskOf(coalesce.Value) | MaskOf(coalesce.WhenNull);
                case ISwitchExpressionOperation switchExpression:
                    return switchExpression.Arms.Aggregate(0, (m, arm) => m | MaskOf(arm.Value));
                case IInterpolatedStringOperation interpolated:
                    return interpolated.Parts.OfType<IInterpolationOperation>().Aggregate(0, (m, hole) => m | MaskOf(hole.Expression));
                case IInvocationOperation invocation when PassesTextThrough(invocation.TargetMethod):
                    return (invocation.Instance is null ? 0 : MaskOf(invocation.Instance)) | invocation.Arguments.Aggregate(0, (m, a) => m | MaskOf(a.Value));
                default:
                    return 0;
            }
        }

        /// <summary>string.Format/Concat/ToString, StringBuilder.ToString, and helpers of the compilation returning text.</summary>
        private static bool PassesTextThrough(IMethodSymbol method)
        {
            var type = method.ContainingType;
            if (type?.SpecialType == SpecialType.System_String)
            {
                return method.Name == "Format" || method.Name == "Concat" || method.Name == "ToString";
            }

            if (method.Name == "ToString" && type?.Name == "StringBuilder" && type.ContainingNamespace?.ToDisplayString() == "System.Text")
            {
                return true;
            }

            return method.ReturnType.SpecialType == SpecialType.System_String && SourceBodies.IsFollowable(method);
        }

        internal void Taint(ISymbol symbol, int mask)
        {
            if (mask != 0)
            {
                _taint[symbol] = (_taint.TryGetValue(symbol, out var existing) ? existing : 0) | mask;
            }
        }

        internal void AddSink(IOperation value, string sinkName)
        {
            var mask = MaskOf(value);
            if (mask != 0)
            {
                _sinks.Add(new HelperSink(value, sinkName, mask));
            }
        }

        internal void AddCall(HelperCall call) => _calls.Add(call);

    }

    /// <summary>A sink inside a helper whose SQL is made of the helper's parameters.</summary>
    internal sealed class HelperSink
    {
        public HelperSink(IOperation value, string sinkName, int mask)
        {
            Value = value;
            SinkName = sinkName;
            Mask = mask;
        }

        /// <summary>The SQL value at the sink, an operation of the helper's body.</summary>
        public IOperation Value { get; }

        public string SinkName { get; }

        public int Mask { get; }
    }

    /// <summary>A call inside a helper that passes values made of the helper's parameters on to another helper.</summary>
    internal sealed class HelperCall
    {
        public HelperCall(IOperation call, IMethodSymbol target, IReadOnlyList<(int CalleeOrdinal, int CallerMask)> arguments)
        {
            Call = call;
            Target = target;
            Arguments = arguments;
        }

        public IOperation Call { get; }

        public IMethodSymbol Target { get; }

        /// <summary>Which callee parameter receives which of this helper's parameters.</summary>
        public IReadOnlyList<(int CalleeOrdinal, int CallerMask)> Arguments { get; }
    }

    /// <summary>
    /// One way from a helper's parameters to a sink: the calls inside the helpers (the helper's own call of the next
    /// helper first), the sink, and which of the helper's parameters it is made of.
    /// </summary>
    internal sealed class SqlPath
    {
        public SqlPath(IReadOnlyList<IOperation> calls, HelperSink sink, int mask)
        {
            Calls = calls;
            Sink = sink;
            Mask = mask;
        }

        public IReadOnlyList<IOperation> Calls { get; }

        public HelperSink Sink { get; }

        /// <summary>The helper's parameters (bit = ordinal) the sink's SQL is made of.</summary>
        public int Mask { get; }

        /// <summary>
        /// The bindings under which the sink's value is resolved: <paramref name="callSite"/>'s arguments (none: the
        /// helper's parameters stay unknown), then each call's arguments seen from the call before it.
        /// </summary>
        public ParameterBindings? Bindings(IOperation? callSite)
        {
            var bindings = callSite is null ? null : ParameterBindings.Of(callSite, null);
            foreach (var call in Calls)
            {
                bindings = ParameterBindings.Of(call, bindings);
            }

            return bindings;
        }
    }

    /// <summary>What is followed of one helper: its parameters (bit = ordinal) and the paths to check at each call.</summary>
    internal sealed class HelperFlow
    {
        private readonly Dictionary<SyntaxNode, int> _sites = new Dictionary<SyntaxNode, int>();

        public HelperFlow(int mask, IReadOnlyList<SqlPath>? paths)
        {
            Mask = mask;
            Paths = paths;
            foreach (var path in paths ?? System.Array.Empty<SqlPath>())
            {
                // Where the path leaves the helper's own body: its sink, or its call of the next helper.
                var site = path.Calls.Count == 0 ? path.Sink.Value.Syntax : path.Calls[0].Syntax;
                _sites[site] = (_sites.TryGetValue(site, out var mask0) ? mask0 : 0) | path.Mask;
            }
        }

        /// <summary>The parameters whose text reaches a sink as part of its structure; 0: nothing is followed.</summary>
        public int Mask { get; }

        /// <summary>The paths to check at a call; null when there are more than <see cref="SqlParameterFlow.MaxPaths"/>.</summary>
        public IReadOnlyList<SqlPath>? Paths { get; }

        /// <summary>
        /// Which parameters reach the sink value or helper call <paramref name="site"/> of the helper's body, when that
        /// site is checked at the helper's calls instead of in the helper (0: it is checked in the helper).
        /// </summary>
        public int MaskAt(SyntaxNode site) => _sites.TryGetValue(site, out var mask) ? mask : 0;
    }
}
