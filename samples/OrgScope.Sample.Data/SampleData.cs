using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;

namespace OrgScope.Sample.Data;

/// <summary>Creates the sample's legacy schema and loads a <see cref="SampleDataset"/> into it with multi-row INSERTs.</summary>
public static class SampleData
{
    private const int RowsPerInsert = 2000;

    /// <summary>samples/OrgScope.Sample/schema.sql: the legacy schema, before OrgScope.</summary>
    public static string Schema
    {
        get
        {
            using var stream = typeof(SampleData).Assembly.GetManifestResourceStream("schema.sql")
                ?? throw new InvalidOperationException("schema.sql is not embedded");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>Creates the sample's tables (the database must not have them yet).</summary>
    public static async Task CreateSchemaAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new MySqlCommand(Schema, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Generates the dataset for (<paramref name="tasks"/>, <paramref name="seed"/>) and loads it into the (empty) sample tables.</summary>
    public static async Task<SampleDataset> LoadAsync(string connectionString, int tasks, int seed, CancellationToken cancellationToken = default)
    {
        var data = SampleDataset.Generate(tasks, seed);
        await LoadAsync(connectionString, data, cancellationToken).ConfigureAwait(false);
        return data;
    }

    public static async Task LoadAsync(string connectionString, SampleDataset data, CancellationToken cancellationToken = default)
    {
        await using var connection = new MySqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var setup = new MySqlCommand("SET SESSION unique_checks = 0, SESSION foreign_key_checks = 0", connection))
        {
            await setup.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await InsertAsync(connection, "organizations (id, name)", data.Organizations, r => [r.Id, r.Name], cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, "users (id, email, current_organization_id)", data.Users, r => [r.Id, r.Email, r.CurrentOrganizationId], cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, "user_organizations (user_id, organization_id, is_primary)", data.Memberships, r => [r.UserId, r.OrganizationId, r.IsPrimary ? 1 : 0], cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, "tasks (id, title, assigned_to)", data.Tasks, r => [r.Id, r.Title, r.AssignedTo], cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, "rewards (id, name, created_by)", data.Rewards, r => [r.Id, r.Name, r.CreatedBy], cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, "user_rewards (user_id, reward_id, granted_at)", data.UserRewards, r => [r.UserId, r.RewardId, "2024-01-01 00:00:00"], cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, "achievements (id, name, created_by, organization_id)", data.Achievements, r => [r.Id, r.Name, r.CreatedBy, r.OrganizationId], cancellationToken).ConfigureAwait(false);
        await InsertAsync(connection, "user_achievements (user_id, achievement_id, earned_at)", data.UserAchievements, r => [r.UserId, r.AchievementId, "2024-01-01 00:00:00"], cancellationToken).ConfigureAwait(false);
    }

    // Literal multi-row INSERTs in one transaction per table: far fewer round trips than parameters, and the values
    // are numbers and generated ASCII text, so literals are exact.
    private static async Task InsertAsync<T>(MySqlConnection connection, string into, IReadOnlyList<T> rows, Func<T, object?[]> values, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var sql = new StringBuilder();
        for (var start = 0; start < rows.Count; start += RowsPerInsert)
        {
            sql.Clear().Append("INSERT INTO ").Append(into).Append(" VALUES ");
            var end = Math.Min(rows.Count, start + RowsPerInsert);
            for (var i = start; i < end; i++)
            {
                sql.Append(i == start ? "(" : ",(");
                var row = values(rows[i]);
                for (var c = 0; c < row.Length; c++)
                {
                    if (c > 0)
                    {
                        sql.Append(',');
                    }

                    sql.Append(row[c] switch
                    {
                        null => "NULL",
                        string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
                        var v => Convert.ToString(v, CultureInfo.InvariantCulture),
                    });
                }

                sql.Append(')');
            }

            await using var command = new MySqlCommand(sql.ToString(), connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
