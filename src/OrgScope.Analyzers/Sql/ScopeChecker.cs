using System;
using System.Collections.Generic;
using System.Linq;

namespace OrgScope.Analyzers.Sql
{
    /// <summary>
    /// ORG001-ORG003: every reference to a scoped table, in every SELECT, join, subquery, derived table, CTE and
    /// UNION branch, must be pinned by a top-level AND conjunct of its WHERE or its JOIN's ON:
    /// <c>x.organization_id = &lt;value&gt;</c>, <c>IN (...)</c>, or an equality with a column already pinned.
    /// Pins flow from outer queries into correlated subqueries and from a derived table's or CTE's pinned output
    /// columns back into the query that produces them.
    /// </summary>
    internal sealed class ScopeChecker
    {
        private const string FixParameter = "@OrganizationId";

        private readonly ScopeSettings _settings;
        private readonly ScopedTableSet _tables;
        private readonly string _sql;
        private readonly List<SqlFinding> _findings = new List<SqlFinding>();
        private readonly List<ScopedReference>? _references;
        private readonly bool _computeFixes;

        private ScopeChecker(ScopeSettings settings, string sql, bool computeFixes, List<ScopedReference>? references)
        {
            _settings = settings;
            _tables = settings.Tables;
            _sql = sql;
            _computeFixes = computeFixes;
            _references = references;
        }

        /// <summary>
        /// The findings of one SQL text; every reference to a scoped table, pinned or not, is added to
        /// <paramref name="references"/> when given (the audit record says what was verified and on what trust).
        /// </summary>
        public static List<SqlFinding> Check(SqlParseResult parsed, ScopeSettings settings, string sql, bool computeFixes, List<ScopedReference>? references = null)
        {
            if (settings.Tables.IsEmpty)
            {
                return new List<SqlFinding>();
            }

            // A fix is written with a named parameter; SQL written with ? or :name gets none.
            var fixable = computeFixes && !parsed.Lex.Tokens.Any(t => t.Kind == SqlTokenKind.Parameter && (t.Value == "?" || t.Value.StartsWith(":", StringComparison.Ordinal)));
            var checker = new ScopeChecker(settings, sql, fixable, references);
            foreach (var statement in parsed.Statements)
            {
                checker.CheckStatement(statement);
            }

            if (fixable)
            {
                checker.VerifyFixes(parsed);
            }

            return checker._findings;
        }

        // ---------------------------------------------------------------- statements

        private void CheckStatement(SqlStatement statement)
        {
            var ctes = statement.With.Count > 0 ? new CteScope(null, statement.With) : null;
            switch (statement)
            {
                case SelectStatement select:
                    CheckQuery(select.Query, null, ctes, null);
                    break;
                case ModifyStatement modify:
                    CheckModify(modify, ctes);
                    break;
                case InsertStatement insert:
                    CheckInsert(insert, ctes);
                    break;
            }

            if (ctes != null)
            {
                FinishCtes(ctes);
            }
        }

        private void CheckModify(ModifyStatement modify, CteScope? ctes)
        {
            var scope = new Scope(null);
            var facts = new List<Fact>();
            var derived = new List<Binding>();
            if (modify.Sources != null)
            {
                CollectBindings(modify.Sources, scope, ctes, false, null, facts, derived);
            }

            if (modify.Where != null)
            {
                facts.Add(new Fact(modify.Where, scope.Bindings));
            }

            ResolvePins(scope, facts);
            CheckDerived(derived, ctes);
            var whereInsert = modify.Where != null ? modify.Where.End : (modify.IsDelete ? modify.EndOfSources : modify.EndOfSet);
            ReportUnpinned(scope, facts, modify.Where, whereInsert, changesRows: true);

            foreach (var expr in AllExpressions(modify.Sources).Concat(modify.OtherExpressions))
            {
                CheckSubqueries(expr, scope, ctes);
            }

            if (modify.Where != null)
            {
                CheckSubqueries(modify.Where, scope, ctes);
            }
        }

        private void CheckInsert(InsertStatement insert, CteScope? ctes)
        {
            var target = insert.Target;
            if (!target.IsHole && ResolveCte(target, ctes) is null && _tables.TryGetTable(target.Name, out var scoped))
            {
                // Any of the table's organization columns will do: they name the same organization.
                var column = scoped.Column;
                var columns = insert.SetColumns ?? insert.Columns;
                var hasColumn = columns != null && columns.Any(c => scoped.Columns.Any(o => string.Equals(c, o, StringComparison.OrdinalIgnoreCase)));
                _references?.Add(new ScopedReference(target.Name, target.Alias, target.Start, target.End, ScopedReferenceKind.InsertTarget, hasColumn, PinTrust.None));
                if (!hasColumn)
                {
                    var finding = new SqlFinding(SqlRule.InsertWithoutColumn, target.Start, target.End, target.Name) { Column = column, NoColumnList = columns is null };
                    if (_computeFixes)
                    {
                        finding.Edits = InsertFix(insert, column);
                    }

                    _findings.Add(finding);
                }
            }

            if (insert.Select != null)
            {
                CheckQuery(insert.Select, null, ctes, null);
            }

            foreach (var expr in insert.OtherExpressions)
            {
                CheckSubqueries(expr, null, ctes);
            }
        }

        private static IReadOnlyList<SqlEdit> InsertFix(InsertStatement insert, string column)
        {
            if (insert.SetColumns != null && insert.EndOfSet >= 0)
            {
                return new[] { new SqlEdit(insert.EndOfSet, ", " + column + " = " + FixParameter) };
            }

            if (insert.Columns != null && insert.Columns.Count > 0 && insert.ColumnListClose >= 0 && insert.ValueRowCloses.Count > 0 && insert.Select is null)
            {
                var edits = new List<SqlEdit> { new SqlEdit(insert.ColumnListClose, ", " + column) };
                edits.AddRange(insert.ValueRowCloses.Select(close => new SqlEdit(close, ", " + FixParameter)));
                return edits;
            }

            return Array.Empty<SqlEdit>();
        }

        // ---------------------------------------------------------------- queries

        private void CheckQuery(QueryExpression query, Scope? parent, CteScope? ctes, Dictionary<string, PinTrust>? externalPins)
        {
            var local = query.With.Count > 0 ? new CteScope(ctes, query.With) : ctes;
            foreach (var core in query.Branches)
            {
                CheckCore(core, parent, local, externalPins);
            }

            foreach (var nested in query.NestedQueries)
            {
                CheckQuery(nested, parent, local, externalPins);
            }

            foreach (var expr in query.Trailing)
            {
                CheckSubqueries(expr, parent, local);
            }

            if (local != ctes && local != null)
            {
                FinishCtes(local);
            }
        }

        private void CheckCore(SelectCore core, Scope? parent, CteScope? ctes, Dictionary<string, PinTrust>? externalPins)
        {
            var scope = new Scope(parent);
            var facts = new List<Fact>();
            var derived = new List<Binding>();
            if (core.From != null)
            {
                CollectBindings(core.From, scope, ctes, false, null, facts, derived);
            }

            if (externalPins != null && externalPins.Count > 0)
            {
                ApplyExternalPins(core, scope, externalPins);
            }

            if (core.Where != null)
            {
                facts.Add(new Fact(core.Where, scope.Bindings));
            }

            ResolvePins(scope, facts);
            CheckDerived(derived, ctes);
            ReportUnpinned(scope, facts, core.Where, core.Where != null ? core.Where.End : core.EndOfFrom, changesRows: false);

            foreach (var item in core.Items)
            {
                if (item.Expr != null)
                {
                    CheckSubqueries(item.Expr, scope, ctes);
                }
            }

            foreach (var expr in AllExpressions(core.From))
            {
                CheckSubqueries(expr, scope, ctes);
            }

            if (core.Where != null)
            {
                CheckSubqueries(core.Where, scope, ctes);
            }

            foreach (var expr in core.OtherExpressions)
            {
                CheckSubqueries(expr, scope, ctes);
            }
        }

        private void ApplyExternalPins(SelectCore core, Scope scope, Dictionary<string, PinTrust> externalPins)
        {
            // The outer query pins this query's output column X: whichever table produces X is pinned.
            foreach (var item in core.Items)
            {
                if (item.IsStar)
                {
                    foreach (var binding in scope.Bindings)
                    {
                        if (item.StarQualifier != null && !binding.Matches(item.StarQualifier))
                        {
                            continue;
                        }

                        foreach (var pin in externalPins)
                        {
                            if (binding.Tracks(pin.Key, _tables))
                            {
                                binding.Pin(pin.Key, pin.Value);
                            }
                        }
                    }
                }
                else if (item.Expr is ColumnExpr column && item.Alias != null && externalPins.TryGetValue(item.Alias, out var trust))
                {
                    var binding = Resolve(column, scope);
                    if (binding != null && binding.Tracks(column.Name, _tables))
                    {
                        binding.Pin(column.Name, trust);
                    }
                }
            }
        }

        private void CheckDerived(List<Binding> derived, CteScope? ctes)
        {
            foreach (var binding in derived)
            {
                CheckQuery(binding.DerivedQuery!, null, ctes, binding.PinnedColumns);
            }
        }

        private void FinishCtes(CteScope ctes)
        {
            // Later CTEs may reference earlier ones, so they are checked last-first: every reference is known
            // before a CTE's own query is checked.
            for (var i = ctes.Entries.Count - 1; i >= 0; i--)
            {
                var entry = ctes.Entries[i];
                // A column is pinned inside the CTE only if every reference pins it; it then relies on every reference's trust.
                Dictionary<string, PinTrust>? pins = null;
                foreach (var reference in entry.References)
                {
                    if (pins is null)
                    {
                        pins = new Dictionary<string, PinTrust>(reference.PinnedColumns, StringComparer.OrdinalIgnoreCase);
                        continue;
                    }

                    foreach (var column in pins.Keys.ToList())
                    {
                        if (reference.PinnedColumns.TryGetValue(column, out var trust))
                        {
                            pins[column] |= trust;
                        }
                        else
                        {
                            pins.Remove(column);
                        }
                    }
                }

                CheckQuery(entry.Cte.Query, null, new CteScope(ctes, i), pins);
            }
        }

        private void CheckSubqueries(Expr expr, Scope? scope, CteScope? ctes)
        {
            switch (expr)
            {
                case SubqueryExpr subquery:
                    CheckQuery(subquery.Query, scope, ctes, null);
                    break;
                case InExpr inExpr:
                    CheckSubqueries(inExpr.Operand, scope, ctes);
                    if (inExpr.Subquery != null)
                    {
                        CheckQuery(inExpr.Subquery, scope, ctes, null);
                    }

                    if (inExpr.List != null)
                    {
                        foreach (var item in inExpr.List)
                        {
                            CheckSubqueries(item, scope, ctes);
                        }
                    }

                    break;
                case BinaryExpr binary:
                    CheckSubqueries(binary.Left, scope, ctes);
                    CheckSubqueries(binary.Right, scope, ctes);
                    break;
                case NotExpr not:
                    CheckSubqueries(not.Operand, scope, ctes);
                    break;
                case OpaqueExpr opaque:
                    foreach (var child in opaque.Children)
                    {
                        CheckSubqueries(child, scope, ctes);
                    }

                    break;
            }
        }

        private static IEnumerable<Expr> AllExpressions(TableSource? source)
        {
            if (source is JsonTable json)
            {
                yield return json.Json;
            }

            if (source is JoinSource join)
            {
                foreach (var expr in AllExpressions(join.Left))
                {
                    yield return expr;
                }

                foreach (var expr in AllExpressions(join.Right))
                {
                    yield return expr;
                }

                if (join.On != null)
                {
                    yield return join.On;
                }
            }
        }

        // ---------------------------------------------------------------- bindings

        /// <summary>Adds a binding per table reference and a fact per ON/USING with the bindings it may pin.</summary>
        private List<Binding> CollectBindings(TableSource source, Scope scope, CteScope? ctes, bool nullSupplying, JoinSource? joinedBy, List<Fact> facts, List<Binding> derived)
        {
            switch (source)
            {
                case TableRef table:
                {
                    var binding = new Binding(table.ExposedName) { Table = table, NullSupplying = nullSupplying, JoinedBy = joinedBy };
                    var cte = table.IsHole ? null : ResolveCte(table, ctes);
                    if (cte != null)
                    {
                        binding.Cte = cte;
                        cte.References.Add(binding);
                    }
                    else if (!table.IsHole && _tables.TryGetTable(table.Name, out var scoped))
                    {
                        binding.OrgColumn = scoped.Column;
                        binding.OrgColumns = scoped.Columns;
                        binding.Key = scoped.Key;
                    }

                    scope.Bindings.Add(binding);
                    return new List<Binding> { binding };
                }

                case DerivedTable table:
                {
                    var binding = new Binding(table.Alias ?? string.Empty) { DerivedQuery = table.Query, NullSupplying = nullSupplying, JoinedBy = joinedBy };
                    scope.Bindings.Add(binding);
                    derived.Add(binding);
                    return new List<Binding> { binding };
                }

                case JsonTable table:
                {
                    // A name for its columns, so "j.x" resolves here and not to an outer query; it tracks no column.
                    var binding = new Binding(table.Alias ?? string.Empty) { NullSupplying = nullSupplying, JoinedBy = joinedBy };
                    scope.Bindings.Add(binding);
                    return new List<Binding> { binding };
                }

                case JoinSource join:
                {
                    var left = CollectBindings(join.Left, scope, ctes, nullSupplying || join.Kind == JoinKind.Right, null, facts, derived);
                    var right = CollectBindings(join.Right, scope, ctes, nullSupplying || join.Kind == JoinKind.Left, join, facts, derived);
                    var all = left.Concat(right).ToList();

                    // An inner join's ON filters every row it produces; an outer join's ON only the null-supplying side.
                    var targets = join.Kind == JoinKind.Left ? right : join.Kind == JoinKind.Right ? left : all;
                    if (join.On != null && join.Kind != JoinKind.Natural)
                    {
                        facts.Add(new Fact(join.On, targets));
                    }

                    if (join.Using != null)
                    {
                        foreach (var name in join.Using)
                        {
                            var l = left.Where(b => b.Tracks(name, _tables)).ToList();
                            var r = right.Where(b => b.Tracks(name, _tables)).ToList();
                            if (l.Count == 1 && r.Count == 1)
                            {
                                var equality = new BinaryExpr("=", new ColumnExpr(l[0].ExposedName, name), new ColumnExpr(r[0].ExposedName, name));
                                facts.Add(new Fact(equality, targets));
                            }
                        }
                    }

                    return all;
                }

                default:
                    return new List<Binding>();
            }
        }

        private static CteEntry? ResolveCte(TableRef table, CteScope? ctes)
        {
            if (table.Schema != null)
            {
                return null;
            }

            for (var scope = ctes; scope != null; scope = scope.Parent)
            {
                for (var i = 0; i < scope.VisibleCount; i++)
                {
                    if (string.Equals(scope.Entries[i].Cte.Name, table.Name, StringComparison.OrdinalIgnoreCase))
                    {
                        return scope.Entries[i];
                    }
                }
            }

            return null;
        }

        private Binding? Resolve(ColumnExpr column, Scope? scope)
        {
            for (var current = scope; current != null; current = current.Parent)
            {
                if (column.Qualifier != null)
                {
                    foreach (var binding in current.Bindings)
                    {
                        if (binding.Matches(column.Qualifier))
                        {
                            return binding;
                        }
                    }

                    continue;
                }

                // Unqualified: only where it is unambiguous.
                if (current.Bindings.Count == 1)
                {
                    return current.Bindings[0];
                }

                var candidates = current.Bindings.Where(b => b.Tracks(column.Name, _tables)).ToList();
                if (candidates.Count == 1)
                {
                    return candidates[0];
                }

                if (candidates.Count > 1)
                {
                    return null;
                }
            }

            return null;
        }

        // ---------------------------------------------------------------- pins

        private void ResolvePins(Scope scope, List<Fact> facts)
        {
            bool changed;
            var rounds = 0;
            do
            {
                changed = false;
                foreach (var fact in facts)
                {
                    foreach (var pin in PinsOf(fact.Expr, fact, scope))
                    {
                        if (pin.KeyColumn is null && pin.Binding.Pin(pin.Column, pin.Trust))
                        {
                            changed = true;
                        }
                    }
                }
            }
            while (changed && ++rounds < 64);
        }

        /// <summary>The (binding, column) pairs an expression guarantees to be pinned, given what is pinned so far.</summary>
        private List<PinTarget> PinsOf(Expr expr, Fact fact, Scope scope)
        {
            switch (expr)
            {
                case BinaryExpr binary when binary.Op == "AND":
                {
                    var result = PinsOf(binary.Left, fact, scope);
                    result.AddRange(PinsOf(binary.Right, fact, scope));
                    CompleteCompositeLookups(result);
                    return result;
                }

                case BinaryExpr binary when binary.Op == "OR":
                {
                    // Pinned only if every branch pins it; it then relies on what each branch relies on.
                    var left = PinsOf(binary.Left, fact, scope);
                    var right = PinsOf(binary.Right, fact, scope);
                    var both = new List<PinTarget>();
                    foreach (var l in left)
                    {
                        if (l.KeyColumn != null)
                        {
                            continue;
                        }

                        foreach (var r in right)
                        {
                            if (r.KeyColumn is null && r.Binding == l.Binding && SameOrganization(l.Binding, l.Column, r.Column))
                            {
                                both.Add(new PinTarget(l.Binding, l.Column, l.Trust | r.Trust));
                                break;
                            }
                        }
                    }

                    return both;
                }

                case BinaryExpr binary when binary.Op == "=" || binary.Op == "<=>":
                {
                    var result = new List<PinTarget>();
                    AddEqualityPin(binary.Left, binary.Right, fact, scope, result);
                    AddEqualityPin(binary.Right, binary.Left, fact, scope, result);
                    AddLookupPin(binary.Left, binary.Right, fact, scope, result);
                    AddLookupPin(binary.Right, binary.Left, fact, scope, result);
                    return result;
                }

                case InExpr inExpr when !inExpr.Negated && inExpr.Operand is ColumnExpr column:
                {
                    var result = new List<PinTarget>();
                    var binding = TrackedBinding(column, fact, scope);
                    if (binding is null)
                    {
                        return result;
                    }

                    if (inExpr.Subquery != null)
                    {
                        result.Add(new PinTarget(binding, column.Name, PinTrust.None));
                    }
                    else if (inExpr.List != null && inExpr.List.Count > 0 && inExpr.List.All(e => IsPinValue(e) || IsSharedLiteral(e)))
                    {
                        result.Add(new PinTarget(binding, column.Name, inExpr.List.Any(IsSharedLiteral) ? PinTrust.SharedIds : PinTrust.None));
                    }

                    return result;
                }

                case OpaqueExpr opaque when IsSharedNullTest(opaque, out var column):
                {
                    var result = new List<PinTarget>();
                    var binding = TrackedBinding(column, fact, scope);
                    if (binding != null)
                    {
                        result.Add(new PinTarget(binding, column.Name, PinTrust.SharedIds));
                    }

                    return result;
                }

                default:
                    return new List<PinTarget>();
            }
        }

        /// <summary>Two pinned columns of one binding fix the same organization: the same column, or two of a table's organization columns.</summary>
        private static bool SameOrganization(Binding binding, string left, string right) =>
            string.Equals(left, right, StringComparison.OrdinalIgnoreCase)
            || (binding.OrgColumns.Any(c => string.Equals(c, left, StringComparison.OrdinalIgnoreCase))
                && binding.OrgColumns.Any(c => string.Equals(c, right, StringComparison.OrdinalIgnoreCase)));

        private void AddEqualityPin(Expr side, Expr other, Fact fact, Scope scope, List<PinTarget> into)
        {
            if (!(side is ColumnExpr column))
            {
                return;
            }

            var binding = TrackedBinding(column, fact, scope);
            if (binding is null)
            {
                return;
            }

            if (IsPinValue(other))
            {
                into.Add(new PinTarget(binding, column.Name, PinTrust.None));
                return;
            }

            if (IsSharedLiteral(other))
            {
                into.Add(new PinTarget(binding, column.Name, PinTrust.SharedIds));
                return;
            }

            if (other is ColumnExpr otherColumn)
            {
                // Holds through an equality with a pinned column (in this query or an outer one), on the same trust.
                var otherBinding = Resolve(otherColumn, scope);
                if (otherBinding != null && otherBinding != binding && otherBinding.IsPinned(otherColumn.Name))
                {
                    into.Add(new PinTarget(binding, column.Name, otherBinding.TrustOf(otherColumn.Name)));
                }
            }
        }

        /// <summary>
        /// <c>orgscope.trust_lookup_joins</c>: <c>u.id = t.assigned_to</c> with <c>u.id</c> the primary key of a scoped
        /// table and <c>t</c> a pinned row finds the one row <c>t</c> references, in <c>t</c>'s organization if references
        /// never cross organizations: that is the trust. A composite key needs an equality per key column.
        /// </summary>
        private void AddLookupPin(Expr side, Expr other, Fact fact, Scope scope, List<PinTarget> into)
        {
            if (!_settings.TrustLookupJoins || !(side is ColumnExpr keyColumn) || !(other is ColumnExpr sourceColumn))
            {
                return;
            }

            var binding = Resolve(keyColumn, scope);
            if (binding?.OrgColumn is null || binding.Key.Count == 0 || !scope.Bindings.Contains(binding) || !fact.Targets.Contains(binding)
                || !binding.Key.Any(k => string.Equals(k, keyColumn.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            var source = Resolve(sourceColumn, scope);
            if (source is null || source == binding || source.OrgColumn is null || !source.IsOrgPinned)
            {
                return;
            }

            var trust = PinTrust.LookupJoin | source.OrgTrust;
            into.Add(binding.Key.Count == 1
                ? new PinTarget(binding, binding.OrgColumn, trust)
                : new PinTarget(binding, binding.OrgColumn, trust, keyColumn.Name));
        }

        /// <summary>A composite key matched column by column in one AND chain becomes a pin of its table.</summary>
        private static void CompleteCompositeLookups(List<PinTarget> pins)
        {
            foreach (var group in pins.Where(p => p.KeyColumn != null).GroupBy(p => p.Binding).ToList())
            {
                var binding = group.Key;
                if (binding.Key.All(k => group.Any(p => string.Equals(p.KeyColumn, k, StringComparison.OrdinalIgnoreCase))))
                {
                    var trust = group.Aggregate(PinTrust.None, (all, p) => all | p.Trust);
                    pins.Add(new PinTarget(binding, binding.OrgColumn!, trust));
                }
            }
        }

        /// <summary>The binding of this query whose tracked column the reference names, if the fact may pin it.</summary>
        private Binding? TrackedBinding(ColumnExpr column, Fact fact, Scope scope)
        {
            var binding = Resolve(column, scope);
            if (binding is null || !scope.Bindings.Contains(binding) || !fact.Targets.Contains(binding) || !binding.Tracks(column.Name, _tables))
            {
                return null;
            }

            return binding;
        }

        /// <summary>A literal listed in <c>orgscope.shared_organization_ids</c>.</summary>
        private bool IsSharedLiteral(Expr expr) =>
            expr is ValueExpr value && value.Kind == ValueKind.Literal && !_settings.SharedIds.IsEmpty
            && value.End > value.Start && _settings.SharedIds.Admits(_sql.Substring(value.Start, value.End - value.Start));

        /// <summary><c>col IS NULL</c> when NULL is a shared organization value.</summary>
        private bool IsSharedNullTest(OpaqueExpr opaque, out ColumnExpr column)
        {
            column = null!;
            if (!_settings.SharedIds.AdmitsNull || opaque.IsFunction || opaque.Children.Count != 1 || !(opaque.Children[0] is ColumnExpr operand)
                || opaque.End <= operand.End || opaque.End > _sql.Length)
            {
                return false;
            }

            var tail = _sql.Substring(operand.End, opaque.End - operand.End).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (tail.Length == 2 && string.Equals(tail[0], "IS", StringComparison.OrdinalIgnoreCase) && string.Equals(tail[1], "NULL", StringComparison.OrdinalIgnoreCase))
            {
                column = operand;
                return true;
            }

            return false;
        }

        /// <summary>A parameter, a hole or an expression built on one; a subquery. Never a literal, never a bare column.</summary>
        private static bool IsPinValue(Expr expr)
        {
            switch (expr)
            {
                case ValueExpr value:
                    return value.Kind == ValueKind.Parameter || value.Kind == ValueKind.Hole;
                case SubqueryExpr _:
                    return true;
                case OpaqueExpr opaque:
                    return ContainsSuppliedValue(opaque);
                default:
                    return false;
            }
        }

        private static bool ContainsSuppliedValue(Expr expr)
        {
            switch (expr)
            {
                case ValueExpr value:
                    return value.Kind == ValueKind.Parameter || value.Kind == ValueKind.Hole;
                case SubqueryExpr _:
                    return true;
                case OpaqueExpr opaque:
                    return opaque.Children.Any(ContainsSuppliedValue);
                default:
                    return false;
            }
        }

        // ---------------------------------------------------------------- reporting

        private void ReportUnpinned(Scope scope, List<Fact> facts, Expr? where, int whereInsert, bool changesRows)
        {
            foreach (var binding in scope.Bindings)
            {
                if (binding.OrgColumn is null)
                {
                    continue;
                }

                var table = binding.Table!;
                if (binding.IsOrgPinned)
                {
                    var trust = binding.OrgTrust;
                    if (changesRows && (trust & PinTrust.SharedIds) != 0)
                    {
                        // Shared rows are for every organization to read; one organization's UPDATE or DELETE must not reach them.
                        _references?.Add(new ScopedReference(table.Name, table.Alias, table.Start, table.End, ScopedReferenceKind.Table, false, trust));
                        _findings.Add(new SqlFinding(SqlRule.BypassableFilter, table.Start, table.End, table.Name)
                        {
                            Alias = table.Alias,
                            Column = binding.OrgColumn,
                            Reason = BypassReason.ChangesSharedRows,
                            SharedIds = _settings.SharedIds.ToString(),
                        });
                        continue;
                    }

                    _references?.Add(new ScopedReference(table.Name, table.Alias, table.Start, table.End, ScopedReferenceKind.Table, true, trust));
                    continue;
                }

                var reason = BypassReason.None;
                var bypassed = binding.OrgColumn;
                foreach (var fact in facts)
                {
                    if (!fact.Targets.Contains(binding))
                    {
                        continue;
                    }

                    var found = FindBypass(fact.Expr, binding, fact, scope);
                    if (found.Reason == BypassReason.Literal || (found.Reason == BypassReason.UnderOr && reason == BypassReason.None))
                    {
                        reason = found.Reason;
                        bypassed = found.Column ?? bypassed;
                    }
                }

                _references?.Add(new ScopedReference(table.Name, table.Alias, table.Start, table.End, ScopedReferenceKind.Table, false, PinTrust.None));
                // ORG003 names the column the weak filter is on (a table may carry several: SiteID | SiteGuid); ORG001 the first.
                var finding = new SqlFinding(reason == BypassReason.None ? SqlRule.MissingFilter : SqlRule.BypassableFilter, table.Start, table.End, table.Name)
                {
                    Alias = table.Alias,
                    Column = reason == BypassReason.None ? binding.OrgColumn : bypassed,
                    Reason = reason,
                };

                if (_computeFixes && reason == BypassReason.None)
                {
                    finding.Edits = PinFix(binding, where, whereInsert);
                }

                _findings.Add(finding);
            }
        }

        /// <summary>ORG003: a comparison of the binding's column with a literal, or with a value under an OR; and that column.</summary>
        private (BypassReason Reason, string? Column) FindBypass(Expr expr, Binding binding, Fact fact, Scope scope, bool underOr = false)
        {
            switch (expr)
            {
                case BinaryExpr binary when binary.Op == "AND" || binary.Op == "OR" || binary.Op == "XOR":
                {
                    var nested = underOr || binary.Op != "AND";
                    var left = FindBypass(binary.Left, binding, fact, scope, nested);
                    var right = FindBypass(binary.Right, binding, fact, scope, nested);
                    return left.Reason == BypassReason.Literal ? left
                        : right.Reason == BypassReason.Literal ? right
                        : left.Reason == BypassReason.UnderOr ? left : right;
                }

                case BinaryExpr binary when binary.Op == "=" || binary.Op == "<=>":
                {
                    var left = ComparisonBypass(binary.Left, binary.Right, binding, fact, scope, underOr);
                    return left.Reason != BypassReason.None ? left : ComparisonBypass(binary.Right, binary.Left, binding, fact, scope, underOr);
                }

                case InExpr inExpr when !inExpr.Negated && inExpr.Operand is ColumnExpr column && TrackedBinding(column, fact, scope) == binding:
                    if (inExpr.List != null && inExpr.List.Any(e => e is ValueExpr v && v.Kind == ValueKind.Literal && !IsSharedLiteral(e)))
                    {
                        return (BypassReason.Literal, column.Name);
                    }

                    return (underOr ? BypassReason.UnderOr : BypassReason.None, column.Name);
                case OpaqueExpr opaque when underOr && IsSharedNullTest(opaque, out var nullColumn) && TrackedBinding(nullColumn, fact, scope) == binding:
                    return (BypassReason.UnderOr, nullColumn.Name);
                default:
                    // NOT (x.organization_id = @org) selects the other organizations: a missing filter, not a weak one.
                    return (BypassReason.None, null);
            }
        }

        private (BypassReason Reason, string? Column) ComparisonBypass(Expr side, Expr other, Binding binding, Fact fact, Scope scope, bool underOr)
        {
            if (!(side is ColumnExpr column) || TrackedBinding(column, fact, scope) != binding)
            {
                return (BypassReason.None, null);
            }

            if (other is ValueExpr value && value.Kind == ValueKind.Literal && !IsSharedLiteral(other))
            {
                return (BypassReason.Literal, column.Name);
            }

            return (underOr && (IsPinValue(other) || IsSharedLiteral(other) || other is ColumnExpr) ? BypassReason.UnderOr : BypassReason.None, column.Name);
        }

        private IReadOnlyList<SqlEdit> PinFix(Binding binding, Expr? where, int whereInsert)
        {
            var table = binding.Table!;
            var qualifier = table.Alias ?? _sql.Substring(table.Start, table.End - table.Start);
            var pin = qualifier + "." + binding.OrgColumn + " = " + FixParameter;
            var join = binding.JoinedBy;
            if (join != null && join.On != null && join.OnEnd >= 0 && (join.Kind == JoinKind.Inner || join.Kind == JoinKind.Left))
            {
                return Conjoin(join.On, join.OnEnd, pin);
            }

            if (binding.NullSupplying)
            {
                return Array.Empty<SqlEdit>();
            }

            if (where != null)
            {
                return Conjoin(where, where.End, pin);
            }

            return whereInsert >= 0 ? new[] { new SqlEdit(whereInsert, " WHERE " + pin) } : Array.Empty<SqlEdit>();
        }

        private static IReadOnlyList<SqlEdit> Conjoin(Expr condition, int end, string pin)
        {
            if (condition is BinaryExpr binary && (binary.Op == "OR" || binary.Op == "XOR"))
            {
                return new[] { new SqlEdit(condition.Start, "("), new SqlEdit(end, ") AND " + pin) };
            }

            return new[] { new SqlEdit(end, " AND " + pin) };
        }

        // ---------------------------------------------------------------- fix verification

        /// <summary>Keeps a fix only if the edited SQL still parses and the finding, and only it, is gone.</summary>
        private void VerifyFixes(SqlParseResult original)
        {
            foreach (var finding in _findings)
            {
                if (finding.Edits.Count == 0)
                {
                    continue;
                }

                var edited = SqlEditApplier.Apply(_sql, finding.Edits);
                var reparsed = SqlParser.Parse(edited, _settings.TablePrefixes);
                if (reparsed.FailedStatements != original.FailedStatements || reparsed.Statements.Count != original.Statements.Count)
                {
                    finding.Edits = Array.Empty<SqlEdit>();
                    continue;
                }

                var after = Check(reparsed, _settings, edited, computeFixes: false);
                if (after.Count != _findings.Count - 1)
                {
                    finding.Edits = Array.Empty<SqlEdit>();
                }
            }
        }

        // ---------------------------------------------------------------- model

        private readonly struct PinTarget
        {
            public PinTarget(Binding binding, string column, PinTrust trust, string? keyColumn = null)
            {
                Binding = binding;
                Column = column;
                Trust = trust;
                KeyColumn = keyColumn;
            }

            public Binding Binding { get; }

            public string Column { get; }

            /// <summary>What the pin relies on besides the parameter: shared ids, a trusted lookup (or nothing).</summary>
            public PinTrust Trust { get; }

            /// <summary>Set for one column of a composite key matched by a lookup: a pin only once every key column is matched.</summary>
            public string? KeyColumn { get; }
        }

        private sealed class Fact
        {
            public Fact(Expr expr, List<Binding> targets)
            {
                Expr = expr;
                Targets = targets;
            }

            public Expr Expr { get; }

            /// <summary>The bindings this condition may pin (an outer join's ON pins only its null-supplying side).</summary>
            public List<Binding> Targets { get; }
        }

        private sealed class Scope
        {
            public Scope(Scope? parent) => Parent = parent;

            public Scope? Parent { get; }

            public List<Binding> Bindings { get; } = new List<Binding>();
        }

        private sealed class Binding
        {
            public Binding(string exposedName) => ExposedName = exposedName;

            public string ExposedName { get; }

            public TableRef? Table { get; set; }

            /// <summary>Set for a scoped base table: the column that must be pinned (the one messages and fixes name).</summary>
            public string? OrgColumn { get; set; }

            /// <summary>Every column that names a scoped base table's organization; a pin on any of them pins it.</summary>
            public IReadOnlyList<string> OrgColumns { get; set; } = Array.Empty<string>();

            /// <summary>A scoped base table pinned through any of its organization columns.</summary>
            public bool IsOrgPinned => OrgColumns.Any(IsPinned);

            /// <summary>What the pin of a scoped base table relies on.</summary>
            public PinTrust OrgTrust => OrgColumns.Where(IsPinned).Select(TrustOf).FirstOrDefault();

            /// <summary>A scoped base table's primary key columns, when configured (for trusted lookup joins).</summary>
            public IReadOnlyList<string> Key { get; set; } = Array.Empty<string>();

            public QueryExpression? DerivedQuery { get; set; }

            public CteEntry? Cte { get; set; }

            public bool NullSupplying { get; set; }

            public JoinSource? JoinedBy { get; set; }

            /// <summary>The pinned columns and, for each, what its pin relies on.</summary>
            public Dictionary<string, PinTrust> PinnedColumns { get; } = new Dictionary<string, PinTrust>(StringComparer.OrdinalIgnoreCase);

            public bool Matches(string qualifier) =>
                string.Equals(ExposedName, qualifier, StringComparison.OrdinalIgnoreCase);

            /// <summary>Whether pins on this column matter: a scoped table's column, or an org column a derived table or CTE passes through.</summary>
            public bool Tracks(string column, ScopedTableSet tables) =>
                OrgColumn != null ? OrgColumns.Any(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase))
                : (DerivedQuery != null || Cte != null) && tables.OrganizationColumns.Contains(column);

            public bool IsPinned(string column) => PinnedColumns.ContainsKey(column);

            public PinTrust TrustOf(string column) => PinnedColumns.TryGetValue(column, out var trust) ? trust : PinTrust.None;

            /// <summary>
            /// The first pin found is kept: pins are only ever added, so the fixpoint ends. A table's organization columns
            /// name the same organization, so a pin on one pins them all (SiteGuid = @g fixes SiteID too).
            /// </summary>
            public bool Pin(string column, PinTrust trust)
            {
                if (PinnedColumns.ContainsKey(column))
                {
                    return false;
                }

                PinnedColumns.Add(column, trust);
                if (OrgColumns.Any(c => string.Equals(c, column, StringComparison.OrdinalIgnoreCase)))
                {
                    foreach (var other in OrgColumns)
                    {
                        if (!PinnedColumns.ContainsKey(other))
                        {
                            PinnedColumns.Add(other, trust);
                        }
                    }
                }

                return true;
            }
        }

        private sealed class CteEntry
        {
            public CteEntry(CommonTableExpression cte) => Cte = cte;

            public CommonTableExpression Cte { get; }

            public List<Binding> References { get; } = new List<Binding>();
        }

        private sealed class CteScope
        {
            public CteScope(CteScope? parent, List<CommonTableExpression> ctes)
            {
                Parent = parent;
                Entries = ctes.Select(c => new CteEntry(c)).ToList();
                VisibleCount = Entries.Count;
            }

            /// <summary>The view from inside CTE number <paramref name="index"/>: only earlier CTEs (and itself, for recursion) are visible.</summary>
            public CteScope(CteScope owner, int index)
            {
                Parent = owner.Parent;
                Entries = owner.Entries;
                VisibleCount = index + 1;
            }

            public CteScope? Parent { get; }

            public List<CteEntry> Entries { get; }

            public int VisibleCount { get; }
        }
    }
}
