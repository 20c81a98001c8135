using OrgScope.Generators.Tests.Infrastructure;
using OrgScope.Generators.Tests.Models;
using OrgScope.Plan;
using Xunit;

namespace OrgScope.Generators.Tests;

/// <summary>Table, column, key and type conventions and their overrides, read back through PlanReader.</summary>
public sealed class ConventionTests
{
    private static PlanDocument Plan(string source)
    {
        var run = GeneratorRun.Run(TestCompilation.Create(source));
        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.OutputErrors());
        return PlanReader.Parse(PlanJson.FromRun(run), "test");
    }

    [Fact]
    public void The_plan_parses_with_PlanReader_and_carries_the_root()
    {
        var plan = PlanReader.Parse(PlanJson.FromRun(GeneratorRun.Run(TestCompilation.Sample())), "sample");

        Assert.Equal(PlanDocument.CurrentFormat, plan.Format);
        Assert.Equal(new PlanRoot("OrgScope.Sample.Entities.Organization", "organizations", "id", "BIGINT"), plan.Root);
        Assert.Equal(["users", "achievements", "rewards", "tasks", "user_achievements", "user_rewards"], plan.Tables.Select(t => t.Table));
    }

    [Fact]
    public void Sample_sources_resolve_to_the_documented_kinds()
    {
        var plan = PlanReader.Parse(PlanJson.FromRun(GeneratorRun.Run(TestCompilation.Sample())), "sample");
        var users = plan.Tables.Single(t => t.Table == "users");

        Assert.Equal(
            new PlanSource("Membership", "UserOrganization", "id", "user_organizations", "user_id", "organization_id", "is_primary", "primary membership in user_organizations"),
            users.Sources[0]);
        Assert.Equal(
            new PlanSource("OrgReference", "CurrentOrganizationId", "current_organization_id", "organizations", "id", "id", null, "users.current_organization_id"),
            users.Sources[1]);
        Assert.Empty(users.DependsOn);

        var userRewards = plan.Tables.Single(t => t.Table == "user_rewards");
        Assert.Equal(["user_id", "reward_id"], userRewards.Key.Select(k => k.Column));
        Assert.Equal(["users", "rewards"], userRewards.DependsOn);
        Assert.All(userRewards.Sources, s => Assert.Equal("ScopedReference", s.Kind));
    }

    [Fact]
    public void Table_column_key_and_type_overrides()
    {
        var plan = Plan(SmallModels.Conventions);

        Assert.Equal(new PlanRoot("Shop.Tenant", "tenants", "id", "INT"), plan.Root);

        // Run order: level by level; within a level by table name.
        Assert.Equal(["categories", "products", "order_lines"], plan.Tables.Select(t => t.Table));

        var categories = plan.Tables[0];
        Assert.Equal("tenant_id", categories.Column);
        Assert.Equal("INT", categories.SqlType);
        Assert.Empty(categories.Sources);

        var products = plan.Tables[1];
        Assert.Equal("FirstSourceWins", products.OnConflict);
        Assert.Equal([new PlanKeyColumn("product_no", "BIGINT")], products.Key);
        Assert.Equal(("ScopedReference", "category_id", "categories", "id", "tenant_id"),
            (products.Sources[0].Kind, products.Sources[0].LocalColumn, products.Sources[0].TargetTable, products.Sources[0].TargetKeyColumn, products.Sources[0].TargetOrgColumn));
        Assert.Equal(("OrgReference", "owner_tenant", "tenants"), (products.Sources[1].Kind, products.Sources[1].LocalColumn, products.Sources[1].TargetTable));

        var lines = plan.Tables[2];
        Assert.Equal([new PlanKeyColumn("order_code", "VARCHAR(20)"), new PlanKeyColumn("line_id", "BIGINT")], lines.Key);
        Assert.Equal(["products"], lines.DependsOn);
        Assert.Equal("product_no", lines.Sources.Single().TargetKeyColumn);
    }

    [Fact]
    public void Guid_unsigned_and_TypeName_keys_and_a_membership_with_custom_names()
    {
        var plan = Plan(SmallModels.GuidsAndMemberships);

        Assert.Equal(new PlanRoot("Crm.Company", "companies", "company_key", "CHAR(36)"), plan.Root);
        var agents = plan.Tables.Single(t => t.Table == "agents");
        Assert.Equal("CHAR(36)", agents.SqlType);
        Assert.Equal([new PlanKeyColumn("id", "INT UNSIGNED")], agents.Key);
        Assert.Equal(new PlanSource("Membership", "Seat", "id", "seats", "agent_id", "company_ref", "is_home", "primary membership in seats"), agents.Sources.Single());

        var tickets = plan.Tables.Single(t => t.Table == "tickets");
        Assert.Equal([new PlanKeyColumn("id", "BIGINT UNSIGNED")], tickets.Key);
        Assert.Equal(["agents"], tickets.DependsOn);
    }

    [Theory]
    [InlineData("", "long", "BIGINT")]
    [InlineData("", "int", "INT")]
    [InlineData("", "short", "SMALLINT")]
    [InlineData("", "byte", "TINYINT UNSIGNED")]
    [InlineData("", "ulong", "BIGINT UNSIGNED")]
    [InlineData("", "uint", "INT UNSIGNED")]
    [InlineData("", "ushort", "SMALLINT UNSIGNED")]
    [InlineData("", "System.Guid", "CHAR(36)")]
    [InlineData("", "long?", "BIGINT")]
    [InlineData(", MaxLength(40)", "string", "VARCHAR(40)")]
    [InlineData(", StringLength(12)", "string", "VARCHAR(12)")]
    [InlineData(", Column(TypeName = \"decimal (20, 0)\")", "decimal", "DECIMAL(20,0)")]
    public void Key_types_map_to_sql(string attributes, string type, string sqlType)
    {
        var plan = Plan($$"""
            using System.ComponentModel.DataAnnotations;
            using System.ComponentModel.DataAnnotations.Schema;
            using OrgScope;
            namespace App;
            [OrgRoot] public class Organization { [Key{{attributes}}] public {{type}} Code { get; set; } = default!; }
            [OrgScoped] public class User { [Key{{attributes}}] public {{type}} Code { get; set; } = default!; }
            """);

        Assert.Equal(sqlType, plan.Root.SqlType);
        Assert.Equal(sqlType, plan.Tables.Single().Key.Single().SqlType);
        Assert.Equal(sqlType, plan.Tables.Single().SqlType);
    }

    [Fact]
    public void Scoped_tables_attribute_is_emitted_even_when_the_model_has_errors()
    {
        var run = GeneratorRun.Run(TestCompilation.Create("""
            using OrgScope;
            namespace App;
            [OrgScoped(Table = "invoices", Column = "org")] public class Invoice { public long Id { get; set; } }
            """));

        Assert.Contains(run.Diagnostics, d => d.Id == "ORG109");
        Assert.Null(run.Source("OrgScope.Plan.g.cs"));
        Assert.Contains("\"invoices:org\"", run.Source("OrgScope.ScopedTables.g.cs"));
        Assert.DoesNotContain(run.OutputErrors(), d => d.Location.SourceTree?.FilePath.Contains("ScopedTables", StringComparison.Ordinal) == true);
    }
}
