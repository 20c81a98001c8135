using System.Linq;
using OrgScope.Plan.Rendering.Sql;
using Xunit;

namespace OrgScope.Scripts.Tests;

/// <summary>Properties of the emitted files that hold for every model, and the words plan.md must say.</summary>
public sealed class EmitterTests
{
    [Fact]
    public void Files_come_in_a_fixed_order()
    {
        Assert.Equal(
            ["001-add-organization-id-columns.sql", "002-validate.sql", "003-add-constraints.sql", "rollback-constraints.sql", "rollback-columns.sql", "plan.md"],
            SqlScripts.Emit(SampleModels.Sample()).Select(f => f.Name));
    }

    [Fact]
    public void The_options_add_their_files_in_the_runbooks_order()
    {
        var model = SampleModels.Sample() with
        {
            Options = new OrgScope.Model.ScriptOptions(OrgScope.Model.ConstraintStrategy.PtOnlineSchemaChange, ForeignKeys: true, InsertTriggers: true),
        };

        Assert.Equal(
            ["001-add-organization-id-columns.sql", "002-validate.sql", "003-add-constraints.sql", "003-add-constraints.sh", "004-add-insert-triggers.sql",
                "rollback-constraints.sql", "rollback-insert-triggers.sql", "rollback-columns.sql", "plan.md"],
            SqlScripts.Emit(model).Select(f => f.Name));
    }

    [Theory]
    [MemberData(nameof(Portability.PortabilityTests.Models), MemberType = typeof(Portability.PortabilityTests))]
    public void Output_is_deterministic_with_plain_newlines(string model)
    {
        var first = SqlScripts.Emit(Portability.PortabilityTests.Model(model));
        var second = SqlScripts.Emit(Portability.PortabilityTests.Model(model));
        Assert.Equal(first, second);
        foreach (var file in first)
        {
            Assert.DoesNotContain('\r', file.Content);
            Assert.DoesNotContain('\t', file.Content);
            Assert.EndsWith("\n", file.Content);
            Assert.False(file.Content.EndsWith("\n\n", System.StringComparison.Ordinal), file.Name + " ends with a blank line");
        }
    }

    [Fact]
    public void Every_sql_file_says_what_it_does_that_it_is_generated_and_how_to_run_it()
    {
        foreach (var file in SqlScripts.Emit(SampleModels.Sample()).Where(f => f.Name.EndsWith(".sql", System.StringComparison.Ordinal)))
        {
            var header = string.Join("\n", file.Content.Split('\n').TakeWhile(l => l.StartsWith("--", System.StringComparison.Ordinal)));
            Assert.StartsWith("-- " + file.Name + "\n", header);
            Assert.Contains("Do not edit", header);
            Assert.Contains("mariadb <database> < " + file.Name, header);
            Assert.Contains("mysql <database> < " + file.Name, header);
        }
    }

    [Fact]
    public void Rollback_columns_says_destructive_in_its_header()
    {
        var scripts = new Scripts(SampleModels.Sample());
        Assert.Contains("-- DESTRUCTIVE, LAST RESORT", scripts.RollbackColumns);
        Assert.DoesNotContain("DESTRUCTIVE", scripts.RollbackConstraints);
    }

    [Fact]
    public void Add_columns_uses_the_root_key_type_and_the_online_algorithms()
    {
        var scripts = new Scripts(SampleModels.StringKey());
        Assert.Contains("ADD COLUMN `organization_id` CHAR(36) NULL, ALGORITHM=INSTANT", scripts.AddColumns);
        Assert.Contains("ADD INDEX `ix_project_members_organization_id` (`organization_id`), ALGORITHM=INPLACE, LOCK=NONE", scripts.AddColumns);
        Assert.Contains("MODIFY COLUMN `organization_id` CHAR(36) NOT NULL", scripts.AddConstraints);
        Assert.Contains("REFERENCES `tenants` (`uuid`)", scripts.AddConstraints);
    }

    [Fact]
    public void Plan_lists_tables_in_run_order_with_source_chains_in_words()
    {
        var plan = new Scripts(SampleModels.Sample()).Plan;
        // Dependency order, ties by table name (the generator's RunOrder).
        var order = new[] { "users", "achievements", "rewards", "tasks", "user_achievements", "user_rewards" }
            .Select(t => plan.IndexOf("`" + t + "` (", System.StringComparison.Ordinal)).ToArray();
        Assert.All(order, i => Assert.True(i > 0));
        Assert.Equal(order.OrderBy(i => i), order);

        Assert.Contains("### 1. users", plan);
        Assert.Contains("  1. primary membership in user_organizations", plan);
        Assert.Contains("  2. users.current_organization_id (the organization id itself)", plan);
        Assert.Contains("- On disagreement: reported for review", plan);
        Assert.Contains("6. `user_rewards` (OrgScope.Sample.Entities.UserReward): after `users`, `rewards`", plan);
        Assert.Contains("  1. organization of the achievements row referenced by user_achievements.achievement_id", plan);
        Assert.Contains("no primary membership in `user_organizations` (`no_primary_membership`)", plan);
        Assert.Contains("## What can never be inferred", plan);
        Assert.Contains("- Tables with no source: none.", plan);
        // No article before a table name: "a `achievements` row" read wrong, and "an `users` row" would too.
        Assert.Contains("or at a row of `achievements` whose organization is itself unresolved", plan);
        Assert.DoesNotMatch(@"\ban? `[a-z_]+` row", plan);
    }

    [Fact]
    public void Plan_says_when_the_first_source_wins()
    {
        var sample = SampleModels.Sample();
        var users = sample.Tables[0] with { OnConflict = OrgScope.Model.ConflictPolicy.FirstSourceWins };
        var model = sample with { Tables = new OrgScope.Model.EquatableArray<OrgScope.Model.ScopedTableModel>(sample.Tables.Skip(1).Prepend(users)) };

        var plan = new Scripts(model).Plan;
        var usersSection = plan.Substring(plan.IndexOf("### 1. users", System.StringComparison.Ordinal), plan.IndexOf("### 2.", System.StringComparison.Ordinal) - plan.IndexOf("### 1. users", System.StringComparison.Ordinal));

        Assert.Contains("- On disagreement: the first source that yields wins", usersSection);
        Assert.DoesNotContain("sources_disagree", usersSection);
        Assert.Contains("- On disagreement: reported for review", plan.Substring(plan.IndexOf("### 5.", System.StringComparison.Ordinal)));
    }

    [Fact]
    public void Plan_names_tables_that_no_source_can_fill()
    {
        var plan = new Scripts(SampleModels.Sourceless()).Plan;
        Assert.Contains("- Tables with no source: `notes`.", plan);
        Assert.Contains("- Sources: none. No row can be inferred", plan);
    }

    [Fact]
    public void Long_names_are_shortened_everywhere_they_are_used()
    {
        var scripts = new Scripts(SampleModels.LongNames());
        var index = SchemaObjectNames.Index(SampleModels.LongTable, SampleModels.LongColumn);
        var foreignKey = SchemaObjectNames.ForeignKey(SampleModels.LongTable, SampleModels.LongColumn);
        Assert.Contains("ADD INDEX `" + index + "`", scripts.AddColumns);
        Assert.Contains("ADD CONSTRAINT `" + foreignKey + "`", scripts.AddConstraints);
        Assert.Contains("DROP FOREIGN KEY `" + foreignKey + "`", scripts.RollbackConstraints);
        Assert.Contains("DROP INDEX `" + index + "`", scripts.RollbackColumns);
        Assert.DoesNotContain("ix_" + SampleModels.LongTable, scripts.AddColumns);
    }
}
