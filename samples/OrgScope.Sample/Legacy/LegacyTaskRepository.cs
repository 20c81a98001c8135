using Dapper;
using MySqlConnector;
using OrgScope.Sample.Entities;

namespace OrgScope.Sample.Legacy;

/// <summary>
/// Tasks, as the old app read them: the organization inferred through the assignee's primary membership, with an
/// INFORMATION_SCHEMA fallback for databases that already had the column.
/// </summary>
public sealed class LegacyTaskRepository(MySqlConnection connection)
{
    public async Task<IEnumerable<TaskItem>> ListForOrganizationAsync(long organizationId)
    {
        var hasOrgColumn = await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'tasks' AND COLUMN_NAME = 'organization_id'") > 0;
        if (hasOrgColumn)
        {
            return await connection.QueryAsync<TaskItem>(
                "SELECT t.id, t.title, t.assigned_to AS AssignedTo FROM tasks t WHERE t.organization_id = @organizationId",
                new { organizationId });
        }
        else
        {
            // The org of a task is the org of its assignee's primary membership: tasks and users are never pinned.
            return await connection.QueryAsync<TaskItem>(
                @"SELECT t.id, t.title, t.assigned_to AS AssignedTo
                  FROM tasks t
                  JOIN users u ON u.id = t.assigned_to
                  JOIN user_organizations uo ON uo.user_id = u.id AND uo.is_primary = 1
                  WHERE uo.organization_id = @organizationId",
                new { organizationId });
        }
    }

    public Task<TaskItem?> FindAsync(long id) =>
        // An honest leak: any organization's task by id.
        connection.QueryFirstOrDefaultAsync<TaskItem>("SELECT id, title, assigned_to AS AssignedTo FROM tasks WHERE id = @id", new { id });

    public Task<int> RenameAsync(long id, string title) =>
        connection.ExecuteAsync("UPDATE tasks SET title = @title WHERE id = @id", new { id, title });

    public Task<int> CreateAsync(string title, long assignedTo) =>
        connection.ExecuteAsync("INSERT INTO tasks (title, assigned_to) VALUES (@title, @assignedTo)", new { title, assignedTo });

    public async Task<int> CountOpenAsync(long organizationId, long? assignee)
    {
        var sql = "SELECT COUNT(*) FROM tasks t JOIN users u ON u.id = t.assigned_to WHERE u.current_organization_id = @organizationId";
        if (assignee != null)
        {
            sql += " AND t.assigned_to = @assignee";
        }

        await using var command = new MySqlCommand(sql, connection);
        command.Parameters.AddWithValue("@organizationId", organizationId);
        command.Parameters.AddWithValue("@assignee", assignee);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
