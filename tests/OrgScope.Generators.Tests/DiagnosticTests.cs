using OrgScope.Generators.Tests.Infrastructure;
using Xunit;

namespace OrgScope.Generators.Tests;

/// <summary>One test (at least) per ORG1xx model rule, each asserting the exact span of the argument at fault.</summary>
public sealed class DiagnosticTests
{
    private const string Usings = """
        using System.ComponentModel.DataAnnotations;
        using System.ComponentModel.DataAnnotations.Schema;
        using OrgScope;

        namespace App;

        """;

    private const string Root = """
        [OrgRoot]
        public class Organization { public long Id { get; set; } }

        """;

    private const string Membership = """
        [OrgMembership(Member = nameof(UserId), Organization = nameof(OrganizationId), Primary = nameof(IsPrimary))]
        public class UserOrganization
        {
            [Key] public long UserId { get; set; }
            [Key] public long OrganizationId { get; set; }
            public bool IsPrimary { get; set; }
        }

        """;

    [Fact]
    public void ORG101_source_names_no_property_and_no_membership()
    {
        var run = DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped(InferFrom = [nameof(CurrentOrganizationId), {|ORG101:"Nope"|}])]
            public class User
            {
                public long Id { get; set; }
                [References(typeof(Organization))] public long? CurrentOrganizationId { get; set; }
            }
            """);
        Assert.Contains("'Nope'", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void ORG101_old_style_array_points_at_the_element()
    {
        DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped(InferFrom = new[] { "OrganizationRef", {|ORG101:"Missing"|} })]
            public class User
            {
                public long Id { get; set; }
                [References(typeof(Organization))] public long OrganizationRef { get; set; }
            }
            """);
    }

    [Fact]
    public void ORG102_property_that_references_nothing()
    {
        var run = DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped(InferFrom = [{|ORG102:nameof(CreatedBy)|}])]
            public class Reward
            {
                public long Id { get; set; }
                public long? CreatedBy { get; set; }
            }
            """);
        Assert.Contains("references no entity", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void ORG102_property_that_references_an_unannotated_type()
    {
        var run = DiagnosticMarkup.Verify(Usings + Root + """
            public class Category { public long Id { get; set; } }

            [OrgScoped(InferFrom = [{|ORG102:nameof(CategoryId)|}])]
            public class Reward
            {
                public long Id { get; set; }
                [References(typeof(Category))] public long CategoryId { get; set; }
            }
            """);
        Assert.Contains("Category, which is neither [OrgScoped] nor [OrgRoot]", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void ORG102_membership_of_another_entity()
    {
        var run = DiagnosticMarkup.Verify(Usings + Root + Membership + """
            [OrgScoped(InferFrom = [nameof(UserOrganization)])]
            public class User { public long Id { get; set; } }

            [OrgScoped(InferFrom = [{|ORG102:nameof(UserOrganization)|}])]
            public class Team { public long Id { get; set; } }
            """);
        Assert.Contains("UserOrganization is a membership of User, not of Team", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void ORG102_reference_to_a_composite_key()
    {
        DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped]
            public class Pair
            {
                [Key] public long A { get; set; }
                [Key] public long B { get; set; }
                public long OrganizationId { get; set; }
            }

            [OrgScoped(InferFrom = [{|ORG102:nameof(PairId)|}])]
            public class Child
            {
                public long Id { get; set; }
                public long PairId { get; set; }
            }
            """);
    }

    [Fact]
    public void ORG102_the_organization_column_itself()
    {
        var run = DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped(InferFrom = [{|ORG102:nameof(OrganizationId)|}])]
            public class Note { public long Id { get; set; } public long? OrganizationId { get; set; } }
            """);
        Assert.Contains("is the organization column itself", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void ORG103_inference_cycle_names_the_cycle()
    {
        var run = DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped(InferFrom = [{|ORG103:nameof(ProjectId)|}])]
            public class Task { public long Id { get; set; } public long ProjectId { get; set; } }

            [OrgScoped(InferFrom = [{|ORG103:nameof(LeadTaskId)|}])]
            public class Project { public long Id { get; set; } [References(typeof(Task))] public long LeadTaskId { get; set; } }
            """);
        var messages = run.Diagnostics.Select(d => d.GetMessage()).ToList();
        Assert.Contains(messages, m => m.Contains("Task → Project → Task", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Project → Task → Project", StringComparison.Ordinal));
    }

    [Fact]
    public void ORG103_self_reference_is_a_cycle()
    {
        var run = DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped(InferFrom = [{|ORG103:nameof(ParentId)|}])]
            public class Folder
            {
                public long Id { get; set; }
                public long? OrganizationId { get; set; }
                [References(typeof(Folder))] public long? ParentId { get; set; }
            }
            """);
        Assert.Contains("Folder → Folder", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void ORG104_missing_key()
    {
        DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped]
            public class {|ORG104:AuditEntry|}
            {
                public long EntryNumber { get; set; }
                public long OrganizationId { get; set; }
            }
            """);
    }

    [Fact]
    public void ORG105_unsupported_key_type()
    {
        var run = DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped]
            public class Snapshot
            {
                [Key] public DateTime {|ORG105:TakenAt|} { get; set; }
                public long OrganizationId { get; set; }
            }

            [OrgScoped]
            public class Tag
            {
                [Key] public string {|ORG105:Code|} { get; set; } = "";
                public long OrganizationId { get; set; }
            }
            """);
        Assert.Contains("DateTime has no supported SQL type", run.Diagnostics.First().GetMessage() + run.Diagnostics.Last().GetMessage());
    }

    [Fact]
    public void ORG105_composite_root_key()
    {
        DiagnosticMarkup.Verify(Usings + """
            [OrgRoot]
            public class {|ORG105:Organization|}
            {
                [Key] public long Region { get; set; }
                [Key] public long Number { get; set; }
            }

            [OrgScoped]
            public class User { public long Id { get; set; } }
            """);
    }

    [Fact]
    public void ORG106_org_column_property_of_another_type()
    {
        var run = DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped]
            public class User
            {
                public long Id { get; set; }
                public int? {|ORG106:OrganizationId|} { get; set; }
            }
            """);
        Assert.Contains("INT but the [OrgRoot] key Organization.Id is BIGINT", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void ORG106_org_reference_source_of_another_type()
    {
        DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped(InferFrom = [{|ORG106:nameof(CurrentOrganizationId)|}])]
            public class User
            {
                public long Id { get; set; }
                [References(typeof(Organization))] public Guid CurrentOrganizationId { get; set; }
            }
            """);
    }

    [Fact]
    public void ORG107_two_entities_on_one_table()
    {
        DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped, Table({|ORG107:"people"|})]
            public class User { public long Id { get; set; } }

            [OrgScoped(Table = {|ORG107:"People"|})]
            public class Person { public long Id { get; set; } }
            """);
    }

    [Fact]
    public void ORG108_invalid_identifiers()
    {
        DiagnosticMarkup.Verify(Usings + Root + """
            [OrgScoped(Table = {|ORG108:"user-accounts"|}, Column = {|ORG108:"org`id"|})]
            public class User
            {
                [Column({|ORG108:"id "|})] public long Id { get; set; }
            }

            [OrgScoped(Table = {|ORG108:"a_table_name_that_is_much_longer_than_the_sixty_four_characters_mysql_allows"|})]
            public class Other { public long Id { get; set; } }
            """);
    }

    [Fact]
    public void ORG109_no_root()
    {
        DiagnosticMarkup.Verify(Usings + """
            [OrgScoped]
            public class {|ORG109:Invoice|} { public long Id { get; set; } }

            [OrgScoped]
            public class Payment { public long Id { get; set; } }
            """);
    }

    [Fact]
    public void ORG110_several_roots()
    {
        DiagnosticMarkup.Verify(Usings + """
            [OrgRoot]
            public class {|ORG110:Organization|} { public long Id { get; set; } }

            [OrgRoot]
            public class {|ORG110:Tenant|} { public long Id { get; set; } }

            [OrgScoped]
            public class User { public long Id { get; set; } }
            """);
    }

    [Fact]
    public void ORG111_ambiguous_convention_reference()
    {
        var run = DiagnosticMarkup.Verify(
            ("Entities.cs", Usings + Root + """
                [OrgScoped(InferFrom = [{|ORG111:nameof(UserId)|}])]
                public class Reward { public long Id { get; set; } public long UserId { get; set; } }

                [OrgScoped]
                public class User { public long Id { get; set; } public long? OrganizationId { get; set; } }
                """),
            ("Admin.cs", """
                using OrgScope;

                namespace App.Admin;

                [OrgScoped(Table = "admin_users")]
                public class User { public long Id { get; set; } public long? OrganizationId { get; set; } }
                """));
        Assert.Contains("App.Admin.User, App.User", run.Diagnostics.Single().GetMessage());
    }

    [Fact]
    public void ORG111_declared_reference_resolves_the_ambiguity()
    {
        DiagnosticMarkup.Verify(
            ("Entities.cs", Usings + Root + """
                [OrgScoped(InferFrom = [nameof(UserId)])]
                public class Reward { public long Id { get; set; } [References(typeof(User))] public long UserId { get; set; } }

                [OrgScoped]
                public class User { public long Id { get; set; } public long? OrganizationId { get; set; } }
                """),
            ("Admin.cs", """
                using OrgScope;

                namespace App.Admin;

                [OrgScoped(Table = "admin_users")]
                public class User { public long Id { get; set; } public long? OrganizationId { get; set; } }
                """));
    }

    [Fact]
    public void ORG112_invalid_membership()
    {
        var run = DiagnosticMarkup.Verify(Usings + Root + """
            [{|ORG112:OrgMembership(Member = {|ORG112:"Nope"|}, Organization = nameof(OrganizationId))|}]
            public class UserOrganization
            {
                [Key] public long UserId { get; set; }
                [Key] public long OrganizationId { get; set; }
            }

            [OrgMembership(Member = nameof(UserId), Organization = nameof(OrganizationId), Primary = {|ORG112:nameof(Rank)|})]
            public class TeamMember
            {
                public long UserId { get; set; }
                public long OrganizationId { get; set; }
                public int Rank { get; set; }
            }

            [OrgScoped(InferFrom = [nameof(UserOrganization)])]
            public class User { public long Id { get; set; } }
            """);
        var messages = string.Join("\n", run.Diagnostics.Select(d => d.GetMessage()));
        Assert.Contains("Member 'Nope' is not a property of UserOrganization", messages);
        Assert.Contains("Primary is missing", messages);
        Assert.Contains("Primary 'Rank' is int; it must be bool", messages);
    }

    [Fact]
    public void Valid_model_reports_nothing_and_emits_the_plan()
    {
        var run = DiagnosticMarkup.Verify(Usings + Root + Membership + """
            [OrgScoped(InferFrom = [nameof(UserOrganization), nameof(CurrentOrganizationId)])]
            public class User
            {
                public long Id { get; set; }
                [References(typeof(Organization))] public long? CurrentOrganizationId { get; set; }
            }
            """);
        Assert.NotNull(run.Source("OrgScope.Plan.g.cs"));
    }

    [Fact]
    public void Diagnostics_carry_the_help_link()
    {
        var run = DiagnosticMarkup.Verify(Usings + """
            [OrgScoped]
            public class {|ORG109:Invoice|} { public long Id { get; set; } }
            """);
        var diagnostic = run.Diagnostics.Single();
        Assert.Equal("https://github.com/orgscope/orgscope/blob/main/docs/rules/ORG109.md", diagnostic.Descriptor.HelpLinkUri);
        Assert.Equal("OrgScope.Model", diagnostic.Descriptor.Category);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
    }
}
