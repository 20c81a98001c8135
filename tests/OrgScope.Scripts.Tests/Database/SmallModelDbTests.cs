using System.Threading.Tasks;
using OrgScope.Model;
using OrgScope.Testing;
using Xunit;

namespace OrgScope.Scripts.Tests.Database;

/// <summary>The whole script cycle on the edge models: a CHAR(36) organization key, composite keys, 64-character names.</summary>
[Collection(MariaDbCollection.Name)]
public sealed class SmallModelDbTests(MariaDbServer server)
{
    [Fact]
    public async Task String_key_root_and_composite_key()
    {
        await RunCycleAsync(SampleModels.StringKey(), "string_key",
            legacy: """
                CREATE TABLE tenants (uuid CHAR(36) NOT NULL, name VARCHAR(50) NOT NULL, PRIMARY KEY (uuid)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                CREATE TABLE projects (id BIGINT NOT NULL, tenant_uuid CHAR(36) NULL, PRIMARY KEY (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                CREATE TABLE project_members (project_id BIGINT NOT NULL, member_no INT NOT NULL, PRIMARY KEY (project_id, member_no)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                INSERT INTO tenants VALUES ('6f1c1c9e-0000-4000-8000-000000000001', 'a'), ('6f1c1c9e-0000-4000-8000-000000000002', 'b');
                INSERT INTO projects VALUES (1, '6f1c1c9e-0000-4000-8000-000000000001'), (2, '6f1c1c9e-0000-4000-8000-000000000002');
                INSERT INTO project_members VALUES (1, 1), (1, 2), (2, 1);
                """,
            fill: """
                UPDATE projects SET organization_id = tenant_uuid;
                UPDATE project_members m JOIN projects p ON p.id = m.project_id SET m.organization_id = p.organization_id;
                """,
            expectedColumn: "`organization_id` char(36) NOT NULL",
            refusedTable: "projects has 2 rows");
    }

    [Fact]
    public async Task Names_at_the_64_character_limit()
    {
        var table = SampleModels.LongTable;
        var column = SampleModels.LongColumn;
        await RunCycleAsync(SampleModels.LongNames(), "long_names",
            legacy: $"""
                CREATE TABLE organizations (id BIGINT NOT NULL AUTO_INCREMENT, PRIMARY KEY (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                CREATE TABLE `{table}` (id BIGINT NOT NULL, org_ref BIGINT NULL, PRIMARY KEY (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
                INSERT INTO organizations (id) VALUES (1);
                INSERT INTO `{table}` VALUES (1, 1), (2, 1);
                """,
            fill: $"UPDATE `{table}` SET `{column}` = org_ref;",
            expectedColumn: $"`{column}` bigint(20) NOT NULL",
            refusedTable: $"{table} has 2 rows");
    }

    private async Task RunCycleAsync(MigrationModel model, string prefix, string legacy, string fill, string expectedColumn, string refusedTable)
    {
        var scripts = new Scripts(model);
        await using var db = await server.CreateDatabaseAsync(prefix);
        await db.ExecuteScriptAsync(legacy);
        var pristine = await db.ShowCreateTablesAsync();

        await SampleDatabase.RunAsync(db, scripts.AddColumns, ScriptPath.Client);
        var added = await db.ShowCreateTablesAsync();
        await SampleDatabase.RunAsync(db, scripts.AddColumns, ScriptPath.Connector);
        Assert.Equal(added, await db.ShowCreateTablesAsync());

        Assert.Contains(refusedTable, await SampleDatabase.RunRefusedAsync(db, scripts.AddConstraints, ScriptPath.Client));
        await db.ExecuteScriptAsync(fill);
        await SampleDatabase.RunAsync(db, scripts.AddConstraints, ScriptPath.Client);
        var constrained = await db.ShowCreateTablesAsync();
        await SampleDatabase.RunAsync(db, scripts.AddConstraints, ScriptPath.Connector);
        Assert.Equal(constrained, await db.ShowCreateTablesAsync());
        foreach (var table in model.Tables)
        {
            Assert.Contains(expectedColumn.Replace("organization_id", table.Column), constrained[table.Table]);
            Assert.Contains("CONSTRAINT `" + Plan.Rendering.Sql.SchemaObjectNames.ForeignKey(table.Table, table.Column) + "` FOREIGN KEY", constrained[table.Table]);
        }

        (await db.RunClientAsync(scripts.Validate)).EnsureSuccess();

        await SampleDatabase.RunAsync(db, scripts.RollbackConstraints, ScriptPath.Client);
        Assert.Equal(added, await db.ShowCreateTablesAsync());
        await SampleDatabase.RunAsync(db, scripts.RollbackColumns, ScriptPath.Client);
        Assert.Equal(pristine, await db.ShowCreateTablesAsync());
    }
}
