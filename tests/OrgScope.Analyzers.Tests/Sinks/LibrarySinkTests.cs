using OrgScope.Analyzers.Tests.Infrastructure;
using static OrgScope.Analyzers.Tests.Infrastructure.AnalyzerVerifier;

namespace OrgScope.Analyzers.Tests.Sinks;

/// <summary>Library methods the analyzer cannot look into whose parameter ADO.NET names commandText / cmdText.</summary>
public class LibrarySinkTests
{
    [Fact]
    public async Task MySql_data_helper_methods_are_sinks()
    {
        var source = """
            using MySql.Data.MySqlClient;

            public class TagRepository
            {
                public void Run(string connectionString, MySqlConnection connection)
                {
                    MySqlHelper.ExecuteNonQuery(connectionString, "DELETE FROM {|#0:tasks|} WHERE id = ?Guid;");
                    MySqlHelper.ExecuteScalar(connection, "SELECT COUNT(*) FROM tasks WHERE organization_id = ?OrgGuid");
                    using var reader = MySqlHelper.ExecuteReader(connection, "SELECT * FROM {|#1:users|} WHERE id = ?id");
                    MySqlHelper.ExecuteDataset(connectionString, "SELECT * FROM users WHERE organization_id = ?org AND id = ?id");
                }
            }
            """ + TestSources.Entities;
        await VerifyAsync(source, Diagnostic("ORG001").WithLocation(0), Diagnostic("ORG001").WithLocation(1));
    }

    [Fact]
    public async Task Batch_commands_and_data_adapters_are_sinks()
    {
        await VerifyAsync(
            TestSources.Method("""
                using var batch = new MySqlBatch(connection);
                batch.BatchCommands.Add(new MySqlBatchCommand("DELETE FROM {|#0:tasks|} WHERE id = @id"));
                batch.BatchCommands.Add(new MySqlBatchCommand { CommandText = "DELETE FROM {|#1:rewards|} WHERE id = @id" });
                using var adapter = new MySqlDataAdapter("SELECT * FROM {|#2:users|}", connection);
                return batch.ExecuteNonQuery();
                """),
            Diagnostic("ORG001").WithLocation(0),
            Diagnostic("ORG001").WithLocation(1),
            Diagnostic("ORG001").WithLocation(2));
    }

    [Fact]
    public async Task A_string_that_is_not_sql_is_not_a_sink()
    {
        await VerifyAsync(
            TestSources.Method("""
                var builder = new MySqlConnectionStringBuilder("Server=db;Database=tasks");
                return connection.Query<int>("SELECT id FROM tasks WHERE organization_id = @org AND title = @title", new { org, title = builder.Database });
                """),
            null,
            enableOrg005: true);
    }
}
