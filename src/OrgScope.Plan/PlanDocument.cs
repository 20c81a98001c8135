using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace OrgScope.Plan;

// The plan document the generator embeds in the app assembly (OrgScope.Generated.OrgScopePlan.Json): the migration
// model only. PlanReader renders the SQL from it (Rendering/), so the SQL files written at build and the SQL the
// runtime executes come from one model through one renderer. Format: docs/plan-format.md.

/// <summary>
/// The migration plan of one assembly. <see cref="Files"/>, <see cref="ConstraintsPrelude"/> and each table's
/// <see cref="PlanTable.Backfill"/> and <see cref="PlanTable.Constraints"/> are not in the embedded JSON:
/// <see cref="PlanReader"/> renders them from the model.
/// </summary>
public sealed record PlanDocument(
    [property: JsonPropertyName("format")] int Format,
    [property: JsonPropertyName("generator")] string Generator,
    [property: JsonPropertyName("root")] PlanRoot Root,
    [property: JsonPropertyName("scripts")] PlanScriptOptions? Scripts,
    [property: JsonPropertyName("tables")] IReadOnlyList<PlanTable> Tables,
    [property: JsonPropertyName("files")] IReadOnlyList<PlanFile> Files,
    [property: JsonPropertyName("constraintsPrelude")] string? ConstraintsPrelude)
{
    /// <summary>The format this reader understands (2: the model only; 1 embedded the rendered SQL too).</summary>
    public const int CurrentFormat = 2;
}

/// <summary>The organization table: the FK target.</summary>
public sealed record PlanRoot(
    [property: JsonPropertyName("entity")] string Entity,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("sqlType")] string SqlType);

/// <summary>
/// How the scripts are delivered (the MSBuild options OrgScopeConstraintStrategy, OrgScopeForeignKeys,
/// OrgScopeInsertTriggers). Absent in a plan: the defaults (Script, true, false).
/// </summary>
public sealed record PlanScriptOptions(
    [property: JsonPropertyName("constraintStrategy")] string ConstraintStrategy,
    [property: JsonPropertyName("foreignKeys")] bool ForeignKeys,
    [property: JsonPropertyName("insertTriggers")] bool InsertTriggers)
{
    /// <summary>The defaults: 003 as a script, with foreign keys, no insert triggers.</summary>
    public static PlanScriptOptions Default { get; } = new("Script", true, false);
}

/// <summary>A scoped table, in run order.</summary>
public sealed record PlanTable(
    [property: JsonPropertyName("entity")] string Entity,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("column")] string Column,
    [property: JsonPropertyName("sqlType")] string SqlType,
    [property: JsonPropertyName("key")] IReadOnlyList<PlanKeyColumn> Key,
    [property: JsonPropertyName("onConflict")] string OnConflict,
    [property: JsonPropertyName("dependsOn")] IReadOnlyList<string> DependsOn,
    [property: JsonPropertyName("sources")] IReadOnlyList<PlanSource> Sources,
    [property: JsonPropertyName("backfill")] IReadOnlyDictionary<string, string> Backfill,
    [property: JsonPropertyName("constraints")] IReadOnlyDictionary<string, string> Constraints);

/// <summary>A primary-key column.</summary>
public sealed record PlanKeyColumn(
    [property: JsonPropertyName("column")] string Column,
    [property: JsonPropertyName("sqlType")] string SqlType);

/// <summary>An inference source (kinds: OrgReference, ScopedReference, Membership).</summary>
public sealed record PlanSource(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("localColumn")] string LocalColumn,
    [property: JsonPropertyName("targetTable")] string TargetTable,
    [property: JsonPropertyName("targetKeyColumn")] string TargetKeyColumn,
    [property: JsonPropertyName("targetOrgColumn")] string TargetOrgColumn,
    [property: JsonPropertyName("primaryColumn")] string? PrimaryColumn,
    [property: JsonPropertyName("description")] string Description);

/// <summary>A generated file (SQL script or plan.md) and its exact content.</summary>
public sealed record PlanFile(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("content")] string Content);
