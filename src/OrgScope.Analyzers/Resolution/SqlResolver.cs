using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace OrgScope.Analyzers.Resolution
{
    /// <summary>
    /// Turns the C# expression that reaches a sink into SQL text: literals of every kind, constants (also from other
    /// types), concatenation, interpolation (holes are opaque values), ternaries, ?? and switch expressions (each branch
    /// is a separate alternative), locals written in the same method (conditional writes add alternatives),
    /// StringBuilder appends in the same method, string.Format and string.Concat; and across calls into the
    /// compilation's own code: a helper's return values (its parameters bound to the call's arguments), readonly fields
    /// and get-only properties with an initializer, property getters. Anything else: unresolved (ORG005), never a guess.
    /// </summary>
    internal sealed class SqlResolver
    {
        private const int MaxAlternatives = 16;
        private const int MaxDepth = 64;

        /// <summary>How many calls deep a helper's return value is followed.</summary>
        public const int MaxCallDepth = 4;

        private readonly IOperation _root;
        private readonly TextSpan _mappableSpan;
        private readonly INamedTypeSymbol? _stringBuilder;
        private readonly SourceBodies? _bodies;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<IOperation, List<IOperation>> _descendants = new Dictionary<IOperation, List<IOperation>>();
        private readonly HashSet<ISymbol> _calls = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        private ParameterBindings? _bindings;
        private int _pieces;

        private SqlResolver(IOperation home, INamedTypeSymbol? stringBuilder, SourceBodies? bodies, ParameterBindings? bindings, CancellationToken cancellationToken)
        {
            var root = home;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            _root = root;
            _mappableSpan = root.Syntax.Span;
            _stringBuilder = stringBuilder;
            _bodies = bodies;
            _bindings = bindings;
            _cancellationToken = cancellationToken;
        }

        /// <summary>The alternatives the SQL can take, or null when it cannot be resolved.</summary>
        public static List<ResolvedSql>? Resolve(IOperation value, INamedTypeSymbol? stringBuilder, SourceBodies? bodies, CancellationToken cancellationToken) =>
            Resolve(value, value, null, stringBuilder, bodies, cancellationToken);

        /// <summary>
        /// The alternatives of <paramref name="value"/>, an operation inside a followed helper, with the helper's
        /// parameters bound by <paramref name="bindings"/>; only text written in <paramref name="home"/>'s method (the
        /// call site, where the diagnostics go) maps back to source.
        /// </summary>
        public static List<ResolvedSql>? Resolve(IOperation value, IOperation home, ParameterBindings? bindings, INamedTypeSymbol? stringBuilder, SourceBodies? bodies, CancellationToken cancellationToken)
        {
            var resolver = new SqlResolver(home, stringBuilder, bodies, bindings, cancellationToken);
            var alternatives = resolver.ResolveValue(value, 0, allowHole: false);
            return alternatives?.Select(segments => new ResolvedSql(segments, home.Syntax.SyntaxTree)).ToList();
        }

        private List<List<SqlSegment>>? ResolveValue(IOperation? operation, int depth, bool allowHole)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (operation is null || depth > MaxDepth)
            {
                return null;
            }

            operation = Unwrap(operation);
            var result = ResolveCore(operation, depth);
            if (result is null && allowHole)
            {
                return Single(SqlSegment.Hole);
            }

            return result;
        }

        private static IOperation Unwrap(IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion when conversion.Operand.Type?.SpecialType == SpecialType.System_String || conversion.IsImplicit:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    case IArgumentOperation argument:
                        operation = argument.Value;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        private List<List<SqlSegment>>? ResolveCore(IOperation operation, int depth)
        {
            switch (operation)
            {
                case ILiteralOperation literal when literal.ConstantValue.HasValue && literal.ConstantValue.Value is string text:
                    return Single(LiteralSegment(literal.Syntax, text));

                case IInterpolatedStringOperation interpolated:
                    return ResolveInterpolated(interpolated, depth);

                case IBinaryOperation binary when IsConcatenation(binary):
                    return ResolveConcatenation(binary, depth);

                case IConditionalOperation conditional when conditional.WhenFalse != null:
                    return Union(ResolveValue(conditional.WhenTrue, depth + 1, allowHole: false), ResolveValue(conditional.WhenFalse, depth + 1, allowHole: false));

                case ICoalesceOperation coalesce:
                    return Union(ResolveValue(coalesce.Value, depth + 1, allowHole: false), ResolveValue(coalesce.WhenNull, depth + 1, allowHole: false));

                case ISwitchExpressionOperation switchExpression:
                    return ResolveSwitch(switchExpression, depth);

                case IFieldReferenceOperation field when field.Field.IsConst && field.ConstantValue.HasValue && field.ConstantValue.Value is string fieldText:
                    return Single(ConstantSegment(field.Field, fieldText));

                case ILocalReferenceOperation local when local.Local.IsConst && local.ConstantValue.HasValue && local.ConstantValue.Value is string localText:
                    return Single(ConstantSegment(local.Local, localText));

                case ILocalReferenceOperation local when !local.Local.IsConst && local.Local.Type?.SpecialType == SpecialType.System_String:
                    return ResolveLocal(local.Local, operation, depth);

                case IInvocationOperation invocation:
                    return ResolveInvocation(invocation, depth);

                case IParameterReferenceOperation parameter when _bindings != null && _bindings.TryGet(parameter.Parameter, out var argument):
                    return ResolveBound(argument, depth);

                case IFieldReferenceOperation field when field.Field.ContainingType?.SpecialType == SpecialType.System_String && field.Field.Name == nameof(string.Empty):
                    // var sql = string.Empty; then a switch writes the statement (mojoPortal's DBTag.GetCount).
                    return Single(new SqlSegment(string.Empty));

                case IFieldReferenceOperation field when field.Field.IsReadOnly && field.Type?.SpecialType == SpecialType.System_String:
                    return ResolveInitializer(field.Field, depth);

                case IPropertyReferenceOperation property when property.Arguments.Length == 0 && property.Type?.SpecialType == SpecialType.System_String:
                    return ResolveProperty(property, depth);

                default:
                    if (operation.ConstantValue.HasValue && operation.ConstantValue.Value is string constant)
                    {
                        return Single(new SqlSegment(constant));
                    }

                    return null;
            }
        }

        private static bool IsConcatenation(IOperation operation) =>
            operation is IBinaryOperation binary && binary.OperatorKind == BinaryOperatorKind.Add && binary.Type?.SpecialType == SpecialType.System_String;

        /// <summary>
        /// a + b + c + ... as one list of operands: a query written as forty concatenated lines is a left-leaning tree
        /// forty deep, which must not count against the depth limit meant for nesting.
        /// </summary>
        private List<List<SqlSegment>>? ResolveConcatenation(IBinaryOperation binary, int depth)
        {
            var operands = new List<IOperation>();
            IOperation current = binary;
            while (IsConcatenation(current))
            {
                var add = (IBinaryOperation)current;
                operands.Add(add.RightOperand);
                current = Unwrap(add.LeftOperand);
            }

            operands.Add(current);
            operands.Reverse();
            var result = Single();
            foreach (var operand in operands)
            {
                result = Concat(result, ResolveValue(operand, depth + 1, allowHole: true));
                if (result is null)
                {
                    return null;
                }
            }

            return result;
        }

        // ---------------------------------------------------------------- across calls

        /// <summary>A followed helper's parameter: the argument of the call, resolved where the call is.</summary>
        private List<List<SqlSegment>>? ResolveBound(IOperation argument, int depth)
        {
            var saved = _bindings;
            _bindings = saved?.Outer;
            try
            {
                return ResolveValue(argument, depth + 1, allowHole: false);
            }
            finally
            {
                _bindings = saved;
            }
        }

        /// <summary>The return values of a helper in the compilation, its parameters bound to the call's arguments.</summary>
        private List<List<SqlSegment>>? ResolveReturns(IMethodSymbol method, IOperation call, int depth)
        {
            var body = _bodies?.BodyOf(method, _cancellationToken);
            var key = method.OriginalDefinition;
            if (body is null || _calls.Count >= MaxCallDepth || !_calls.Add(key))
            {
                return null;
            }

            var saved = _bindings;
            _bindings = ParameterBindings.Of(call, saved);
            try
            {
                var result = new List<List<SqlSegment>>();
                foreach (var returned in ReturnsOf(body))
                {
                    if (IsNull(returned))
                    {
                        continue;
                    }

                    result = Union(result, ResolveValue(returned, depth + 1, allowHole: false));
                    if (result is null)
                    {
                        return null;
                    }
                }

                return result.Count > 0 ? result : null;
            }
            finally
            {
                _bindings = saved;
                _calls.Remove(key);
            }
        }

        /// <summary>The values a body returns (not those of lambdas or local functions inside it).</summary>
        private static IEnumerable<IOperation> ReturnsOf(IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } value } returned && returned.Kind == OperationKind.Return
                    && NearestFunction(returned, body) is null)
                {
                    yield return value;
                }
            }
        }

        /// <summary>A getter's return values, or a get-only auto-property's initializer.</summary>
        private List<List<SqlSegment>>? ResolveProperty(IPropertyReferenceOperation property, int depth)
        {
            var getter = property.Property.GetMethod;
            if (_bodies is null || getter is null || !SourceBodies.IsFollowable(getter))
            {
                return null;
            }

            return _bodies.BodyOf(getter, _cancellationToken) != null
                ? ResolveReturns(getter, property, depth)
                : ResolveInitializer(property.Property, depth);
        }

        /// <summary>A readonly field's or get-only auto-property's initializer, when no constructor writes it.</summary>
        private List<List<SqlSegment>>? ResolveInitializer(ISymbol member, int depth)
        {
            var initializer = _bodies?.InitializerOf(member, _cancellationToken);
            if (initializer is null)
            {
                return null;
            }

            var saved = _bindings;
            _bindings = null;
            try
            {
                return ResolveValue(initializer, depth + 1, allowHole: false);
            }
            finally
            {
                _bindings = saved;
            }
        }

        /// <summary>Each arm is an alternative, like the branches of a ternary; an arm that throws yields no SQL.</summary>
        private List<List<SqlSegment>>? ResolveSwitch(ISwitchExpressionOperation switchExpression, int depth)
        {
            var result = new List<List<SqlSegment>>();
            foreach (var arm in switchExpression.Arms)
            {
                if (Unwrap(arm.Value) is IThrowOperation)
                {
                    continue;
                }

                result = Union(result, ResolveValue(arm.Value, depth + 1, allowHole: false));
                if (result is null)
                {
                    return null;
                }
            }

            return result.Count > 0 ? result : null;
        }

        private List<List<SqlSegment>>? ResolveInterpolated(IInterpolatedStringOperation interpolated, int depth)
        {
            var result = Single();
            foreach (var part in interpolated.Parts)
            {
                List<List<SqlSegment>>? piece;
                if (part is IInterpolatedStringTextOperation text && text.Text.ConstantValue.Value is string value)
                {
                    piece = Single(TextPartSegment(text, value));
                }
                else if (part is IInterpolationOperation hole && hole.Alignment is null && hole.FormatString is null
                    && hole.Expression.Type?.SpecialType == SpecialType.System_String)
                {
                    // A string hole that resolves (a constant, a local, a switch) is text, as it is in a concatenation;
                    // anything else is an opaque value.
                    piece = ResolveValue(hole.Expression, depth + 1, allowHole: true);
                }
                else
                {
                    piece = Single(SqlSegment.Hole);
                }

                result = Concat(result, piece);
                if (result is null)
                {
                    return null;
                }
            }

            return result;
        }

        private List<List<SqlSegment>>? ResolveInvocation(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;
            if (method.ContainingType?.SpecialType == SpecialType.System_String && method.IsStatic)
            {
                if (method.Name == "Format" && method.Parameters.Length > 0 && method.Parameters[0].Name == "format")
                {
                    return ResolveFormat(invocation, depth);
                }

                if (method.Name == "Concat" && invocation.Arguments.All(a => a.Value.Type?.SpecialType == SpecialType.System_String))
                {
                    var result = Single();
                    foreach (var argument in invocation.Arguments.OrderBy(a => a.Syntax.SpanStart))
                    {
                        result = Concat(result, ResolveValue(argument.Value, depth + 1, allowHole: true));
                    }

                    return result;
                }

                return null;
            }

            if (method.ContainingType?.SpecialType == SpecialType.System_String && method.Name == "ToString" && method.Parameters.Length == 0 && invocation.Instance != null)
            {
                // sql.ToString() on a string is the string.
                return ResolveValue(invocation.Instance, depth + 1, allowHole: false);
            }

            if (_stringBuilder != null && method.Name == "ToString" && method.Parameters.Length == 0
                && SymbolEqualityComparer.Default.Equals(method.ContainingType, _stringBuilder)
                && Unwrap(invocation.Instance!) is ILocalReferenceOperation builderLocal)
            {
                return ResolveStringBuilder(builderLocal.Local, invocation, depth);
            }

            if (method.ReturnType.SpecialType == SpecialType.System_String)
            {
                return ResolveReturns(method, invocation, depth);
            }

            return null;
        }

        private List<List<SqlSegment>>? ResolveFormat(IInvocationOperation invocation, int depth)
        {
            var format = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "format");
            var formats = format is null ? null : FormatTexts(format.Value, depth);
            if (formats is null)
            {
                return null;
            }

            var values = new List<IOperation>();
            foreach (var argument in invocation.Arguments.Where(a => a.Parameter?.Name != "format").OrderBy(a => a.Parameter?.Ordinal ?? 0))
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation array && array.Initializer != null)
                {
                    values.AddRange(array.Initializer.ElementValues);
                }
                else if (argument.Parameter?.Type is IArrayTypeSymbol)
                {
                    return null;
                }
                else
                {
                    values.Add(argument.Value);
                }
            }

            List<List<SqlSegment>>? result = null;
            foreach (var formatText in formats)
            {
                var one = FormatOne(formatText, values, depth);
                result = result is null ? one : Union(result, one);
                if (result is null)
                {
                    return null;
                }
            }

            return result;
        }

        /// <summary>
        /// The format's texts: a constant, or each text of a format held in a local or picked by a branch
        /// (`var q = "... {0}Posts ..."; if (mySql) q = "..."; string.Format(q, prefix)`); null when a part is not known.
        /// </summary>
        private List<string>? FormatTexts(IOperation format, int depth)
        {
            if (Unwrap(format).ConstantValue is { HasValue: true, Value: string constant })
            {
                return new List<string> { constant };
            }

            var alternatives = ResolveValue(format, depth + 1, allowHole: false);
            var texts = alternatives?.Select(a => string.Concat(a.Select(segment => segment.Text))).Distinct().ToList();
            return texts is null || texts.Any(t => t.IndexOf(Sql.SqlLexer.HoleChar) >= 0) ? null : texts;
        }

        private List<List<SqlSegment>>? FormatOne(string formatText, List<IOperation> values, int depth)
        {
            var result = Single();
            var text = new StringBuilder();
            for (var i = 0; i < formatText.Length; i++)
            {
                var c = formatText[i];
                if ((c == '{' || c == '}') && i + 1 < formatText.Length && formatText[i + 1] == c)
                {
                    text.Append(c);
                    i++;
                    continue;
                }

                if (c == '{')
                {
                    var close = formatText.IndexOf('}', i);
                    if (close < 0)
                    {
                        return null;
                    }

                    var spec = formatText.Substring(i + 1, close - i - 1);
                    var digits = new string(spec.TakeWhile(char.IsDigit).ToArray());
                    if (digits.Length == 0 || !int.TryParse(digits, out var index) || index >= values.Count)
                    {
                        return null;
                    }

                    result = Concat(result, Single(new SqlSegment(text.ToString())));
                    text.Clear();
                    result = Concat(result, spec.Length == digits.Length ? ResolveValue(values[index], depth + 1, allowHole: true) : Single(SqlSegment.Hole));
                    i = close;
                    continue;
                }

                text.Append(c);
            }

            return Concat(result, Single(new SqlSegment(text.ToString())));
        }

        // ---------------------------------------------------------------- locals

        /// <summary>Every operation of the method body that holds <paramref name="operation"/> (computed once per body).</summary>
        private List<IOperation> DescendantsOf(IOperation operation)
        {
            var root = operation;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            if (!_descendants.TryGetValue(root, out var list))
            {
                list = root.Descendants().ToList();
                _descendants[root] = list;
            }

            return list;
        }

        private List<List<SqlSegment>>? ResolveLocal(ILocalSymbol local, IOperation use, int depth)
        {
            var descendants = DescendantsOf(use);
            var loop = descendants.OfType<IForEachLoopOperation>().FirstOrDefault(f => f.Locals.Contains(local, SymbolEqualityComparer.Default)
                && f.LoopControlVariable is IVariableDeclaratorOperation control && SymbolEqualityComparer.Default.Equals(control.Symbol, local));
            if (loop != null)
            {
                return ResolveElements(loop.Collection, depth);
            }

            var declarator = descendants.OfType<IVariableDeclaratorOperation>().FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local));
            if (declarator is null)
            {
                return null;
            }

            // Without an initializer the local holds no SQL yet (no alternative); C#'s definite assignment guarantees
            // the writes before the use cover every path, so conditional writes (if/else, switch cases) add up to all of them.
            var initializer = declarator.Initializer?.Value ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value;
            var current = initializer is null || IsNull(initializer) ? new List<List<SqlSegment>>() : ResolveValue(initializer, depth + 1, allowHole: false);
            var usePosition = use.Syntax.SpanStart;

            foreach (var reference in descendants.OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, local)))
            {
                var parent = reference.Parent;
                if (parent is IArgumentOperation argument && argument.Parameter?.RefKind != RefKind.None && argument.Parameter?.RefKind != RefKind.In)
                {
                    return null;
                }

                if (IsWrite(reference) && NearestFunction(reference) != NearestFunction(declarator))
                {
                    // Written by a lambda or local function: when it runs is unknown.
                    return null;
                }
            }

            var writes = descendants
                .Where(o => (o is ISimpleAssignmentOperation || o is ICompoundAssignmentOperation) && IsLocal(((IAssignmentOperation)o).Target, local))
                .Where(o => o.Syntax.SpanStart < usePosition)
                .OrderBy(o => o.Syntax.SpanStart)
                .ToList();

            var text = new BranchWrites(current);
            foreach (var write in writes)
            {
                var assignment = (IAssignmentOperation)write;
                Func<List<List<SqlSegment>>?, List<List<SqlSegment>>?> step;
                if (write is ICompoundAssignmentOperation compound)
                {
                    if (compound.OperatorKind != BinaryOperatorKind.Add)
                    {
                        return null;
                    }

                    var piece = ResolveValue(assignment.Value, depth + 1, allowHole: true);
                    step = before => Concat(before, piece);
                }
                else
                {
                    var value = ResolveValue(assignment.Value, depth + 1, allowHole: false);
                    step = _ => value;
                }

                if (!text.Apply(write, !Encloses(EnclosingBlock(write), use), step))
                {
                    return null;
                }
            }

            current = text.Result();
            return current?.Count > 0 ? current : null;
        }

        /// <summary>
        /// The builder's text at <paramref name="use"/>: its last unconditional start before the use (the declaration,
        /// <c>sb = new StringBuilder(...)</c>, <c>sb.Clear()</c> or <c>sb.Length = 0</c>), then the appends after it in
        /// order (an append inside an if/loop is an alternative with and without it). A builder passed on, reassigned
        /// otherwise, or restarted conditionally is unknown.
        /// </summary>
        /// <summary>
        /// foreach (var table in new[] { "a", "b" }): each element is an alternative. The collection is an array written
        /// out in place, in a local array never written again, or in a readonly field.
        /// </summary>
        private List<List<SqlSegment>>? ResolveElements(IOperation collection, int depth)
        {
            var source = Unwrap(collection);
            if (source is ILocalReferenceOperation arrayLocal)
            {
                var descendants = DescendantsOf(source);
                var written = descendants.Any(o => o is IAssignmentOperation assignment
                    && (IsLocal(assignment.Target, arrayLocal.Local) || (assignment.Target is IArrayElementReferenceOperation element && IsLocal(Unwrap(element.ArrayReference), arrayLocal.Local))));
                var declarator = descendants.OfType<IVariableDeclaratorOperation>().FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, arrayLocal.Local));
                source = written ? null : declarator?.Initializer?.Value is { } initial ? Unwrap(initial) : null;
            }
            else if (source is IFieldReferenceOperation { Field.IsReadOnly: true } arrayField && _bodies != null)
            {
                source = _bodies.InitializerOf(arrayField.Field, _cancellationToken) is { } initial ? Unwrap(initial) : null;
            }

            if (!(source is IArrayCreationOperation { Initializer: { } elements }))
            {
                return null;
            }

            var result = new List<List<SqlSegment>>();
            foreach (var element in elements.ElementValues)
            {
                result = Union(result, ResolveValue(element, depth + 1, allowHole: false));
                if (result is null)
                {
                    return null;
                }
            }

            return result.Count > 0 ? result : null;
        }

        private List<List<SqlSegment>>? ResolveStringBuilder(ILocalSymbol builder, IOperation use, int depth)
        {
            var usePosition = use.Syntax.SpanStart;
            var descendants = DescendantsOf(use);
            var declarator = descendants.OfType<IVariableDeclaratorOperation>().FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, builder));
            if (declarator is null)
            {
                return null;
            }

            // Starts: (position, initial text operation or null for empty, unconditional?).
            var starts = new List<(int Position, IOperation? Initial, bool Unconditional)>();
            if (declarator.Initializer?.Value is IObjectCreationOperation declared)
            {
                starts.Add((declarator.Syntax.Span.End, InitialText(declared), true));
            }

            var appends = new List<IInvocationOperation>();
            foreach (var reference in descendants.OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, builder)))
            {
                if (reference.Syntax.SpanStart >= usePosition && !(reference.Parent is IInvocationOperation))
                {
                    continue;
                }

                if (reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference)
                {
                    if (!(Unwrap(assignment.Value) is IObjectCreationOperation created))
                    {
                        return null;
                    }

                    starts.Add((assignment.Syntax.Span.End, InitialText(created), Encloses(EnclosingBlock(assignment), use)));
                    continue;
                }

                if (reference.Parent is IPropertyReferenceOperation { Property.Name: "Length" } length && length.Parent is ISimpleAssignmentOperation lengthWrite
                    && lengthWrite.Target == length && lengthWrite.Value.ConstantValue is { HasValue: true, Value: 0 })
                {
                    starts.Add((lengthWrite.Syntax.Span.End, null, Encloses(EnclosingBlock(lengthWrite), use)));
                    continue;
                }

                // Follow sb.Append(a).Append(b) outward; sb.Clear() starts again.
                IOperation link = reference;
                while (link.Parent is IInvocationOperation call && call.Instance == link && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, _stringBuilder))
                {
                    if (call.TargetMethod.Name == "ToString")
                    {
                        break;
                    }

                    if (call.TargetMethod.Name == "Clear")
                    {
                        starts.Add((call.Syntax.Span.End, null, Encloses(EnclosingBlock(call), use)));
                    }
                    else
                    {
                        appends.Add(call);
                    }

                    link = call;
                }

                var harmlessRead = reference.Parent is IPropertyReferenceOperation { Property.Name: "Length" } read && !(read.Parent is IAssignmentOperation || read.Parent is IIncrementOrDecrementOperation);
                if (link == reference && !harmlessRead && !(reference.Parent is IInvocationOperation { TargetMethod.Name: "ToString" }) && reference.Syntax.SpanStart < usePosition)
                {
                    // The builder escapes (passed on, changed otherwise): its content is unknown.
                    return null;
                }
            }

            var before = starts.Where(s => s.Position <= usePosition).OrderBy(s => s.Position).ToList();
            if (before.Count == 0 || !before[before.Count - 1].Unconditional)
            {
                // No start on every path, or a restart that happens only on some paths.
                return null;
            }

            var lastStart = before[before.Count - 1];

            var text = new BranchWrites(lastStart.Initial is null ? Single() : ResolveValue(lastStart.Initial, depth + 1, allowHole: false));
            foreach (var append in appends.Where(a => a.Syntax.Span.End > lastStart.Position && a.Syntax.SpanStart < usePosition).OrderBy(a => a.Syntax.Span.End))
            {
                List<List<SqlSegment>>? piece;
                switch (append.TargetMethod.Name)
                {
                    case "Append" when append.Arguments.Length == 1:
                        piece = ResolveValue(append.Arguments[0].Value, depth + 1, allowHole: true);
                        break;
                    case "AppendLine" when append.Arguments.Length == 0:
                        piece = Single(new SqlSegment("\n"));
                        break;
                    case "AppendLine" when append.Arguments.Length == 1:
                        piece = Concat(ResolveValue(append.Arguments[0].Value, depth + 1, allowHole: true), Single(new SqlSegment("\n")));
                        break;
                    default:
                        return null;
                }

                if (!text.Apply(append, !Encloses(EnclosingBlock(append), use), before => Concat(before, piece)))
                {
                    return null;
                }
            }

            return text.Result();
        }

        private static IOperation? InitialText(IObjectCreationOperation creation) =>
            creation.Arguments.FirstOrDefault(a => a.Value.Type?.SpecialType == SpecialType.System_String)?.Value;

        /// <summary>null or default: no SQL at all (a sink given null runs nothing), so not an alternative.</summary>
        private static bool IsNull(IOperation value)
        {
            var unwrapped = Unwrap(value);
            return unwrapped is IDefaultValueOperation || (unwrapped.ConstantValue.HasValue && unwrapped.ConstantValue.Value is null);
        }

        private static bool IsLocal(IOperation target, ILocalSymbol local) =>
            target is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);

        private static bool IsWrite(ILocalReferenceOperation reference) =>
            reference.Parent is IAssignmentOperation assignment && assignment.Target == reference;

        /// <summary>The innermost lambda or local function holding <paramref name="operation"/> below <paramref name="stop"/>; null if none.</summary>
        private static IOperation? NearestFunction(IOperation operation, IOperation? stop = null)
        {
            for (var current = operation.Parent; current != null && current != stop; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>A write in a block that also holds the use runs before it on every path (no early exits assumed).</summary>
        private static bool Encloses(IOperation? block, IOperation use)
        {
            for (var current = use.Parent; current != null; current = current.Parent)
            {
                if (current == block)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The block whose statement list directly holds this operation's statement (a write elsewhere is conditional).</summary>
        private static IOperation? EnclosingBlock(IOperation operation)
        {
            var current = operation;
            while (current.Parent != null)
            {
                var parent = current.Parent;
                if (parent is IBlockOperation || parent is ISwitchCaseOperation)
                {
                    return parent;
                }

                if (parent is IConditionalOperation || parent is ILoopOperation || parent is ITryOperation || parent is ICatchClauseOperation
                    || parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation || parent is IConditionalAccessOperation
                    || parent is ICoalesceOperation || parent is IUsingOperation)
                {
                    return parent;
                }

                current = parent;
            }

            return null;
        }

        // ---------------------------------------------------------------- segments

        private SqlSegment LiteralSegment(SyntaxNode syntax, string text)
        {
            if (syntax is LiteralExpressionSyntax literal && IsMappable(literal))
            {
                return new SqlSegment(text, literal.Token, ++_pieces);
            }

            return new SqlSegment(text);
        }

        /// <summary>Only text written in the method that holds the sink maps back: a squiggle elsewhere would not be found.</summary>
        private bool IsMappable(SyntaxNode syntax) => syntax.SyntaxTree == _root.Syntax.SyntaxTree && _mappableSpan.Contains(syntax.Span);

        private SqlSegment TextPartSegment(IInterpolatedStringTextOperation part, string text)
        {
            if (part.Syntax is InterpolatedStringTextSyntax syntax && IsMappable(syntax))
            {
                return new SqlSegment(text, syntax.TextToken, ++_pieces);
            }

            return new SqlSegment(text);
        }

        private SqlSegment ConstantSegment(ISymbol symbol, string text)
        {
            // A const local declared in this method maps back to its literal; a const elsewhere does not (the
            // squiggle then covers the argument).
            if (symbol is ILocalSymbol && symbol.DeclaringSyntaxReferences.Length == 1)
            {
                var declarator = symbol.DeclaringSyntaxReferences[0].GetSyntax(_cancellationToken) as VariableDeclaratorSyntax;
                if (declarator?.Initializer?.Value is LiteralExpressionSyntax literal && literal.SyntaxTree == _root.Syntax.SyntaxTree)
                {
                    return LiteralSegment(literal, text);
                }
            }

            return new SqlSegment(text);
        }

        private static List<List<SqlSegment>> Single(params SqlSegment[] segments) => new List<List<SqlSegment>> { segments.ToList() };

        internal static List<List<SqlSegment>>? Concat(List<List<SqlSegment>>? left, List<List<SqlSegment>>? right)
        {
            if (left is null || right is null || left.Count * right.Count > MaxAlternatives)
            {
                return null;
            }

            var result = new List<List<SqlSegment>>(left.Count * right.Count);
            foreach (var l in left)
            {
                foreach (var r in right)
                {
                    var combined = new List<SqlSegment>(l.Count + r.Count);
                    combined.AddRange(l);
                    combined.AddRange(r);
                    result.Add(combined);
                }
            }

            return result;
        }

        internal static List<List<SqlSegment>>? Union(List<List<SqlSegment>>? left, List<List<SqlSegment>>? right)
        {
            if (left is null || right is null || left.Count + right.Count > MaxAlternatives)
            {
                return null;
            }

            return left.Concat(right).ToList();
        }
    }
}
