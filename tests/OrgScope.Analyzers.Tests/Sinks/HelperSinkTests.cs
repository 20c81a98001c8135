using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Sinks;

/// <summary>
/// SQL that reaches a sink through the application's own string parameters (no [Sql] needed): checked at each call
/// of the helper, with the helper's text and the call's arguments together; the helper's own sink is then not
/// "unresolved". Calls the analyzer cannot follow (virtual, interface) are said to be unchecked.
/// </summary>
public class HelperSinkTests
{
    private static string Repository(string members) => """
        using System;
        using System.Collections.Generic;
        using System.Data.Common;
        using Dapper;
        using MySqlConnector;
        using OrgScope;

        internal class Repository
        {
            private readonly MySqlConnection _connection = new MySqlConnection();

        """ + members + """

        }
        """ + TestSources.Entities;

    [Fact]
    public async Task A_pass_through_helper_is_checked_at_its_calls()
    {
        await VerifyAsync(
            Repository("""
                    private IEnumerable<int> Query(string sql, object parameters = null) => _connection.Query<int>(sql, parameters);

                    public object Run(long org, long id)
                    {
                        Query("SELECT * FROM tasks WHERE organization_id = @org", new { org });
                        return Query("SELECT * FROM {|#0:users|} WHERE id = @id", new { id });
                    }
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Chains_of_helpers_lambdas_and_generic_helpers_are_followed()
    {
        await VerifyAsync(
            Repository("""
                    private T WithConnection<T>(Func<MySqlConnection, T> work) => work(_connection);
                    private IEnumerable<T> Query<T>(string sql, object parameters) => WithConnection(c => c.Query<T>(sql, parameters));
                    private IEnumerable<T> Top<T>(string sql, object parameters) => Query<T>(sql + " LIMIT 10", parameters);
                    private IEnumerable<T> Recent<T>(string sql, object parameters) => Top<T>(sql + " ORDER BY id DESC", parameters);

                    public object Run(long org, long id)
                    {
                        Recent<int>("SELECT id FROM tasks WHERE organization_id = @org", new { org });
                        return Recent<int>("SELECT id FROM {|#0:rewards|} WHERE id > @id", new { id });
                    }
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task A_helper_that_composes_its_parameter_is_checked_with_the_whole_text()
    {
        // The table is in the helper's literal: the finding goes on the argument that left it unpinned.
        await VerifyAsync(
            Repository("""
                    private IEnumerable<int> TasksWhere(string where, object parameters) => _connection.Query<int>("SELECT t.id FROM tasks t WHERE " + where, parameters);

                    public object Run(long org, long id)
                    {
                        TasksWhere("t.organization_id = @org AND t.id = @id", new { org, id });
                        return TasksWhere({|#0:"t.id = @id"|}, new { id });
                    }
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Command_text_helpers_constructors_and_local_functions_are_followed()
    {
        // BlogEngine's CreateTextCommand shape, a query object taking its SQL in the constructor, a local function.
        await VerifyAsync(
            Repository("""
                    private static DbCommand CreateTextCommand(DbConnection connection, string commandText)
                    {
                        var command = connection.CreateCommand();
                        command.CommandText = commandText;
                        return command;
                    }

                    private sealed class SqlQuery
                    {
                        public SqlQuery(MySqlConnection connection, string sql) => Command = new MySqlCommand(sql, connection);

                        public MySqlCommand Command { get; }
                    }

                    public object Run(long org, long id)
                    {
                        using var first = CreateTextCommand(_connection, "SELECT * FROM {|#0:tasks|} WHERE id = @id");
                        var second = new SqlQuery(_connection, "DELETE FROM {|#1:rewards|} WHERE id = @id");
                        int Exec(string statement) => _connection.Execute(statement, new { org, id });
                        Exec("UPDATE users SET name = 'x' WHERE id = @id AND organization_id = @org");
                        return Exec("DELETE FROM {|#2:achievements|}");
                    }
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0),
            Diagnostic("ORG001").WithLocation(1),
            Diagnostic("ORG001").WithLocation(2));
    }

    [Fact]
    public async Task An_argument_that_cannot_be_resolved_is_reported_at_the_call()
    {
        await VerifyAsync(
            Repository("""
                    private int Execute(string sql) => _connection.Execute(sql);

                    public object Run() => Execute({|#0:System.IO.File.ReadAllText("purge.sql")|});
                """),
            null,
            enableOrg005: true,
            DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Execute", "could not be resolved to text"));
    }

    [Fact]
    public async Task A_parameter_used_as_a_value_keeps_the_sink_checked_in_the_method()
    {
        // An action called by the framework (no call in the code): ORDER BY {sort} is a value position, so the
        // statement is checked where it is written, and the calls add nothing.
        await VerifyAsync(
            Repository("""
                    public IEnumerable<int> Sorted(string sort, string name) =>
                        _connection.Query<int>($"SELECT id FROM {|#0:tasks|} WHERE title = '{name}' ORDER BY {sort}");

                    public object Run() => Sorted("id", "x");
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task A_table_name_parameter_is_checked_at_each_call()
    {
        await VerifyAsync(
            Repository("""
                    private int Purge(string table, long org) => _connection.Execute($"DELETE FROM {table} WHERE organization_id = @org", new { org });

                    private int PurgeById(string table, long id) => _connection.Execute($"DELETE FROM {table} WHERE id = @id", new { id });

                    public object Run(long org, long id)
                    {
                        Purge("tasks", org);
                        return PurgeById("{|#0:rewards|}", id);
                    }
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Parameters_that_are_values_do_not_make_a_helper()
    {
        // The sink's SQL does not depend on 'name': it is checked in the helper, once, and the calls add nothing.
        await VerifyAsync(
            Repository("""
                    private IEnumerable<int> ByName(string name) => _connection.Query<int>("SELECT id FROM {|#0:users|} WHERE name = @name", new { name });

                    public object Run() => ByName("ann");
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }

    [Fact]
    public async Task Virtual_and_interface_helpers_say_their_calls_are_not_followed()
    {
        var source = """
            using Dapper;
            using MySqlConnector;

            public interface IDb
            {
                int Execute(string sql);

                int Marked([OrgScope.Sql] string sql);
            }

            internal class Db : IDb
            {
                private readonly MySqlConnection _connection = new MySqlConnection();

                public int Execute(string sql) => _connection.Execute({|#0:sql|});

                public int Marked(string sql) => _connection.Execute(sql);

                protected virtual int Overridable(string sql) => _connection.Execute({|#1:sql|});

                public int Run(IDb db)
                {
                    db.Marked("DELETE FROM {|#2:tasks|}");
                    return Execute("DELETE FROM {|#3:rewards|}");
                }
            }
            """ + TestSources.Entities;
        await VerifyAsync(
            source,
            null,
            enableOrg005: true,
            DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Execute", "comes from a parameter of 'Db.Execute', which is also called through 'IDb.Execute' (calls through an interface are not followed: mark that parameter [OrgScope.Sql])"),
            DiagnosticWithMessage("ORG005").WithLocation(1).WithArguments("Execute", "comes from parameter 'sql' of 'Db.Overridable', whose calls are not followed (virtual, interface or delegate dispatch: mark the parameter of the method the callers call [OrgScope.Sql])"),
            Diagnostic("ORG001").WithLocation(2),
            Diagnostic("ORG001").WithLocation(3));
    }

    [Fact]
    public async Task A_public_helper_of_a_library_says_other_projects_calls_are_not_followed()
    {
        var source = """
            using Dapper;
            using MySqlConnector;

            public static class Sql
            {
                public static int Execute(MySqlConnection connection, string sql) => connection.Execute({|#0:sql|});

                public static int Marked(MySqlConnection connection, [OrgScope.Sql] string sql) => connection.Execute(sql);

                internal static int Internal(MySqlConnection connection, string sql) => connection.Execute(sql);

                public static void Run(MySqlConnection connection)
                {
                    Execute(connection, "DELETE FROM {|#1:tasks|}");
                    Marked(connection, "DELETE FROM {|#2:tasks|}");
                    Internal(connection, "DELETE FROM {|#3:tasks|}");
                }
            }
            """ + TestSources.Entities;
        await VerifyAsync(
            source,
            null,
            enableOrg005: true,
            DiagnosticWithMessage("ORG005").WithLocation(0).WithArguments("Execute", "comes from parameter 'sql' of 'Sql.Execute', which is followed to this project's calls only (mark the parameter [OrgScope.Sql] so that calls from other projects are checked too)"),
            Diagnostic("ORG001").WithLocation(1),
            Diagnostic("ORG001").WithLocation(2),
            Diagnostic("ORG001").WithLocation(3));
    }

    [Fact]
    public async Task A_cross_org_helper_is_not_followed()
    {
        // Its unresolved sink is reported where the attribute exempts it (the suppressor hides it with the reason);
        // the calls are not checked: the attribute says whatever SQL the helper is given is cross-organization.
        await A_cross_org_helper_is_not_followed_core();
    }

    private static async Task A_cross_org_helper_is_not_followed_core()
    {
        await VerifyAsync(
            Repository("""
                    [{|#1:AllowCrossOrg("admin tool: runs the given statement for every organization")|}]
                    private int ExecuteForAll(string sql) => _connection.Execute({|#0:sql|});

                    public object Run() => ExecuteForAll("DELETE FROM tasks WHERE created < NOW() - INTERVAL 1 YEAR");
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG005").WithLocation(0).WithLocation(1));
    }

    [Fact]
    public async Task Recursive_helpers_end()
    {
        await VerifyAsync(
            Repository("""
                    private int Retry(string sql, int attempts) => attempts == 0 ? _connection.Execute(sql) : Retry(sql, attempts - 1);

                    public object Run() => Retry("DELETE FROM {|#0:tasks|}", 3);
                """),
            null,
            enableOrg005: true,
            Diagnostic("ORG001").WithLocation(0));
    }
}
