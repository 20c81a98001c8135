using System;
using System.Collections.Generic;
using System.Linq;
using OrgScope.Model;
using OrgScope.Plan.Rendering.Backfill;
using OrgScope.Plan.Rendering.Sql;

namespace OrgScope.Plan.Rendering;

/// <summary>
/// Renders the SQL of a plan: the script files (001, 002, 003, rollbacks, plan.md) and each table's backfill
/// statements, from the model the generator embedded. Deterministic: the same plan renders the same bytes wherever it
/// is read (the build's script writer, the runtime, the CLI), so the files an operator reviews are the SQL that runs.
/// </summary>
internal static class PlanRenderer
{
    public static PlanDocument Render(PlanDocument plan)
    {
        var model = ToModel(plan);
        var tables = plan.Tables
            .Select((table, i) => table with
            {
                Sources = table.Sources.Select((s, j) => s with { Description = SourceDescription.Describe(model.Tables[i], model.Tables[i].Sources[j]) }).ToList(),
                Backfill = Statements(model, model.Tables[i]),
                Constraints = ConstraintSteps.ByName(model, model.Tables[i]),
            })
            .ToList();
        var files = SqlScripts.Emit(model).Select(f => new PlanFile(f.Name, f.Content)).ToList();
        return plan with { Tables = tables, Files = files, ConstraintsPrelude = ConstraintSteps.Prelude(), Scripts = Options(model.Options) };
    }

    /// <summary>
    /// One table's backfill statements again, naming the collation of its character key columns (from the server), so
    /// that the audit payload's keys compare with the table's through its primary key whatever collation the table uses.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Backfill(PlanDocument plan, string table, IReadOnlyDictionary<string, string> keyCollations)
    {
        var model = ToModel(plan);
        var scoped = model.Tables.FirstOrDefault(t => t.Table == table) ?? throw new PlanException($"The plan has no table '{table}'.");
        return Statements(model, scoped, keyCollations);
    }

    private static IReadOnlyDictionary<string, string> Statements(MigrationModel model, ScopedTableModel table, IReadOnlyDictionary<string, string>? keyCollations = null)
    {
        var statements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var statement in BackfillSqlEmitter.Emit(model, table, keyCollations))
        {
            statements.Add(statement.Name, statement.Sql);
        }

        return statements;
    }

    /// <summary>The plan document back into the model the generator built it from (the generator writes every field).</summary>
    public static MigrationModel ToModel(PlanDocument plan)
    {
        var root = new OrgRootModel(plan.Root.Entity, plan.Root.Table, plan.Root.Key, plan.Root.SqlType);
        var tables = plan.Tables.Select(table => new ScopedTableModel(
            table.Entity,
            table.Table,
            table.Column,
            table.SqlType,
            table.Key.Select(k => new KeyColumnModel(k.Column, k.SqlType)).ToEquatableArray(),
            table.Sources.Select(s => new SourceModel(
                Parse<SourceKind>(s.Kind, table.Table, "source kind"),
                s.Name,
                s.LocalColumn,
                s.TargetTable,
                s.TargetKeyColumn,
                s.TargetOrgColumn,
                s.PrimaryColumn)).ToEquatableArray(),
            Parse<ConflictPolicy>(table.OnConflict, table.Table, "onConflict"),
            (table.DependsOn ?? Array.Empty<string>()).ToEquatableArray()));
        var scripts = plan.Scripts ?? PlanScriptOptions.Default;
        var options = new ScriptOptions(Parse<ConstraintStrategy>(scripts.ConstraintStrategy, "(scripts)", "constraint strategy"), scripts.ForeignKeys, scripts.InsertTriggers);
        return new MigrationModel(root, tables.ToEquatableArray()) { Options = options };
    }

    private static PlanScriptOptions Options(ScriptOptions options) =>
        new(options.ConstraintStrategy.ToString(), options.ForeignKeys, options.InsertTriggers);

    private static T Parse<T>(string value, string table, string what)
        where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new PlanException($"The OrgScope plan names an unknown {what} '{value}' for table '{table}'. Use the same OrgScope version for the package and the tool.");
}
