using OrgScope.Analyzers.Tests.Infrastructure;
using OrgScope.CodeFixes;
using Verify = OrgScope.Analyzers.Tests.Infrastructure.CodeFixVerifier<OrgScope.CodeFixes.AddOrganizationFilterCodeFix>;

namespace OrgScope.Analyzers.Tests.CodeFixes;

/// <summary>ORG001/ORG002 fixes: the pin or column goes into the literal; the parameter into the anonymous object.</summary>
public class AddOrganizationFilterCodeFixTests
{
    private static string Repo(string body) => """
        using Dapper;
        using MySqlConnector;

        public class Repository
        {
            public object Run(MySqlConnection connection, long organizationId, long id, string title)
            {
        """ + "\n" + body + """

            }
        }
        """ + TestSources.Entities;

    [Fact]
    public async Task Appends_to_where_and_adds_anonymous_member()
    {
        await Verify.VerifyAsync(
            Repo("""        return connection.Query<int>("SELECT * FROM {|#0:tasks|} WHERE id = @id", new { id });"""),
            Repo("""        return connection.Query<int>("SELECT * FROM tasks WHERE id = @id AND tasks.organization_id = @OrganizationId", new { id, OrganizationId = organizationId });"""),
            Verify.Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Appends_after_a_dapper_list_expansion()
    {
        await Verify.VerifyAsync(
            Repo("""        return connection.Query<int>("SELECT * FROM {|#0:tasks|} WHERE id IN @ids LIMIT {=take}", new { ids = new[] { id }, take = 5 });"""),
            Repo("""        return connection.Query<int>("SELECT * FROM tasks WHERE id IN @ids AND tasks.organization_id = @OrganizationId LIMIT {=take}", new { ids = new[] { id }, take = 5, OrganizationId = organizationId });"""),
            Verify.Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Creates_where_before_order_by_and_adds_parameter_object()
    {
        await Verify.VerifyAsync(
            Repo("""        return connection.Query<int>("SELECT * FROM {|#0:tasks|} t ORDER BY t.id");"""),
            Repo("""        return connection.Query<int>("SELECT * FROM tasks t WHERE t.organization_id = @OrganizationId ORDER BY t.id", new { OrganizationId = organizationId });"""),
            Verify.Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Adds_to_the_join_on_and_keeps_existing_member()
    {
        await Verify.VerifyAsync(
            Repo("""        return connection.Query<int>("SELECT * FROM tasks t LEFT JOIN {|#0:users|} u ON u.id = t.assigned_to WHERE t.organization_id = @organizationId", new { organizationId });"""),
            Repo("""        return connection.Query<int>("SELECT * FROM tasks t LEFT JOIN users u ON u.id = t.assigned_to AND u.organization_id = @OrganizationId WHERE t.organization_id = @organizationId", new { organizationId });"""),
            Verify.Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Wraps_a_where_that_is_an_or()
    {
        await Verify.VerifyAsync(
            Repo("""        return connection.Query<int>("SELECT * FROM {|#0:tasks|} WHERE id = @id OR title = @title", new { id, title });"""),
            Repo("""        return connection.Query<int>("SELECT * FROM tasks WHERE (id = @id OR title = @title) AND tasks.organization_id = @OrganizationId", new { id, title, OrganizationId = organizationId });"""),
            Verify.Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Preserves_formatting_of_a_verbatim_literal()
    {
        await Verify.VerifyAsync(
            Repo("""
                        return connection.Query<int>(@"
                            UPDATE {|#0:tasks|}
                            SET title = @title
                            WHERE id = @id", new { id, title });
                """),
            Repo("""
                        return connection.Query<int>(@"
                            UPDATE tasks
                            SET title = @title
                            WHERE id = @id AND tasks.organization_id = @OrganizationId", new { id, title, OrganizationId = organizationId });
                """),
            Verify.Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Insert_gets_column_and_value()
    {
        await Verify.VerifyAsync(
            Repo("""        return connection.Execute("INSERT INTO {|#0:tasks|} (title) VALUES (@title), (@title)", new { title });"""),
            Repo("""        return connection.Execute("INSERT INTO tasks (title, organization_id) VALUES (@title, @OrganizationId), (@title, @OrganizationId)", new { title, OrganizationId = organizationId });"""),
            Verify.Diagnostic("ORG002").WithLocation(0));
    }

    [Fact]
    public async Task Insert_set_form_gets_assignment()
    {
        await Verify.VerifyAsync(
            Repo("""        return connection.Execute("INSERT INTO {|#0:tasks|} SET title = @title", new { title });"""),
            Repo("""        return connection.Execute("INSERT INTO tasks SET title = @title, organization_id = @OrganizationId", new { title, OrganizationId = organizationId });"""),
            Verify.Diagnostic("ORG002").WithLocation(0));
    }

    [Fact]
    public async Task Fix_all_fixes_every_query()
    {
        await Verify.VerifyAsync(
            Repo("""
                        connection.Execute("DELETE FROM {|#0:rewards|} WHERE id = @id", new { id });
                        return connection.Query<int>("SELECT id FROM {|#1:tasks|}", new { id });
                """),
            Repo("""
                        connection.Execute("DELETE FROM rewards WHERE id = @id AND rewards.organization_id = @OrganizationId", new { id, OrganizationId = organizationId });
                        return connection.Query<int>("SELECT id FROM tasks WHERE tasks.organization_id = @OrganizationId", new { id, OrganizationId = organizationId });
                """),
            Verify.Diagnostic("ORG001").WithLocation(0),
            Verify.Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Two_tables_of_one_statement_are_pinned_together_and_the_parameter_added_once()
    {
        // One at a time (re-analysing between) and Fix All (the analyzer's edits for both at once) give the same code.
        await Verify.VerifyAsync(
            Repo("""        return connection.Query<int>("SELECT t.id FROM {|#0:tasks|} t, {|#1:users|} u WHERE u.id = t.assigned_to");"""),
            Repo("""        return connection.Query<int>("SELECT t.id FROM tasks t, users u WHERE u.id = t.assigned_to AND t.organization_id = @OrganizationId AND u.organization_id = @OrganizationId", new { OrganizationId = organizationId });"""),
            Verify.Diagnostic("ORG001").WithLocation(0),
            Verify.Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Two_tables_without_a_where_get_one_where()
    {
        await Verify.VerifyAsync(
            Repo("""        return connection.Query<int>("SELECT * FROM {|#0:tasks|} t JOIN {|#1:users|} u ON u.id = t.assigned_to ORDER BY t.id", new { id });"""),
            Repo("""        return connection.Query<int>("SELECT * FROM tasks t JOIN users u ON u.id = t.assigned_to AND u.organization_id = @OrganizationId WHERE t.organization_id = @OrganizationId ORDER BY t.id", new { id, OrganizationId = organizationId });"""),
            Verify.Diagnostic("ORG001").WithLocation(0),
            Verify.Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Typed_parameter_object_with_the_property_needs_no_new_member()
    {
        var source = Repo("""        return connection.Query<int>("SELECT * FROM {|#0:tasks|} WHERE id = @Id", new Filter(id, organizationId));""") + """

            public record Filter(long Id, long OrganizationId);
            """;
        var fixedSource = Repo("""        return connection.Query<int>("SELECT * FROM tasks WHERE id = @Id AND tasks.organization_id = @OrganizationId", new Filter(id, organizationId));""") + """

            public record Filter(long Id, long OrganizationId);
            """;
        await Verify.VerifyAsync(source, fixedSource, Verify.Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Not_offered_without_an_organization_value_in_scope()
    {
        var source = """
            using Dapper;
            using MySqlConnector;

            public class Repository
            {
                public object Run(MySqlConnection connection, long id) =>
                    connection.Query<int>("SELECT * FROM {|#0:tasks|} WHERE id = @id", new { id });
            }
            """ + TestSources.Entities;
        await Verify.VerifyNoFixAsync(source, Verify.Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Not_offered_for_dynamic_parameters_or_positional_sql()
    {
        await Verify.VerifyNoFixAsync(
            Repo("""
                        var p = new DynamicParameters();
                        p.Add("id", id);
                        connection.Query<int>("SELECT * FROM {|#0:tasks|} WHERE id = @id", p);
                        return connection.Query<int>("SELECT * FROM {|#1:rewards|} WHERE id = ?", new { id });
                """),
            Verify.Diagnostic("ORG001").WithLocation(0),
            Verify.Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Not_offered_for_a_right_join_or_a_non_dapper_sink()
    {
        await Verify.VerifyNoFixAsync(
            Repo("""
                        connection.Query<int>("SELECT * FROM {|#0:tasks|} t RIGHT JOIN users u ON u.id = t.assigned_to WHERE u.organization_id = @organizationId", new { organizationId });
                        using var command = new MySqlCommand("SELECT * FROM {|#1:rewards|}", connection);
                        return command.ExecuteScalar()!;
                """),
            Verify.Diagnostic("ORG001").WithLocation(0),
            Verify.Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Not_offered_for_a_reviewed_exception()
    {
        await Verify.VerifyNoFixAsync(
            Repo("""
                        {|#1:// orgscope: cross-org the retention job purges every organization|}
                        return connection.Execute("DELETE FROM {|#0:tasks|} WHERE id = @id", new { id });
                """),
            Verify.Diagnostic("ORG001").WithLocation(0).WithLocation(1));
    }
}
