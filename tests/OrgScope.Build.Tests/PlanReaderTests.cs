using OrgScope.Build.Tests.Infrastructure;
using OrgScope.Plan;

namespace OrgScope.Build.Tests;

/// <summary>
/// The plan embeds the model only (format 2); the reader renders the SQL. What it renders, and what it refuses: a plan
/// of another OrgScope version (it would render other SQL than the files that version wrote) or one it cannot read.
/// </summary>
public sealed class PlanReaderTests
{
    [Fact]
    public void Renders_every_file_and_the_backfill_statements_of_each_table_from_the_model()
    {
        var plan = PlanReader.Parse(PlanAssembly.PlanJson(sourceColumn: "org_ref"), "test");

        Assert.Equal(
            ["001-add-organization-id-columns.sql", "002-validate.sql", "003-add-constraints.sql", "rollback-constraints.sql", "rollback-columns.sql", "plan.md"],
            plan.Files.Select(f => f.Name));
        Assert.Contains("ALTER TABLE `notes` ADD COLUMN `organization_id` BIGINT NULL", plan.Files[0].Content);
        var notes = Assert.Single(plan.Tables);
        Assert.Contains("`org_ref`", notes.Backfill["audit"]);
        Assert.Contains("keys_first", notes.Backfill.Keys);
    }

    [Fact]
    public void The_same_plan_renders_the_same_bytes()
    {
        var json = PlanAssembly.PlanJson();
        var first = PlanReader.Parse(json, "a");
        var second = PlanReader.Parse(json, "b");

        Assert.Equal(first.Files, second.Files);
        Assert.Equal(first.Tables[0].Backfill, second.Tables[0].Backfill);
    }

    [Fact]
    public void A_plan_built_by_another_OrgScope_version_is_refused_with_what_to_do()
    {
        var error = Assert.Throws<PlanException>(() => PlanReader.Parse(PlanAssembly.PlanJson(generator: "0.0.1-other"), "App.dll"));

        Assert.Equal(
            $"The OrgScope plan in 'App.dll' was built by OrgScope 0.0.1-other; this tool is OrgScope {PlanReader.RendererVersion}. Use the same OrgScope version for the package and the tool.",
            error.Message);
    }

    [Fact]
    public void An_unknown_source_kind_is_refused_not_rendered()
    {
        var json = PlanAssembly.PlanJson().Replace("\"OrgReference\"", "\"Telepathy\"", StringComparison.Ordinal);

        var error = Assert.Throws<PlanException>(() => PlanReader.Parse(json, "App.dll"));

        Assert.Contains("unknown source kind 'Telepathy' for table 'notes'", error.Message);
    }
}
