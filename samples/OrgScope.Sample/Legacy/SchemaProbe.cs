using Dapper;
using MySqlConnector;

namespace OrgScope.Sample.Legacy;

/// <summary>
/// How the old app coped with a half-migrated schema: before each query it asked INFORMATION_SCHEMA whether
/// organization_id existed yet. Once OrgScope's migration has run these probes are dead weight (ORG004).
/// </summary>
public sealed class SchemaProbe(MySqlConnection connection)
{
    public async Task<bool> HasOrganizationColumnAsync(string table)
    {
        var count = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = @table AND COLUMN_NAME = 'organization_id'",
            new { table });
        return count > 0;
    }

    public async Task<bool> HasOrganizationIndexAsync(string table)
    {
        var rows = await connection.QueryAsync("SHOW INDEX FROM " + table + " WHERE Column_name = 'organization_id'");
        return rows.Any();
    }
}
