using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;
using OrgScope.Runtime.Connection;

namespace OrgScope.Runtime.Reporting;

/// <summary>A row a person must decide: which table and key, why no organization was inferred, and the candidates seen.</summary>
public sealed record UnresolvedRow(string Table, string Key, string Reason, IReadOnlyList<string> Candidates, string? RunId);

/// <summary>
/// <c>orgscope report --unresolved</c>: the manual-review mapping, read from <c>orgscope_unresolved</c> in a stable
/// order (table, then key by value: 3 before 13, as <see cref="RowKeys.Order"/> says) so two reports diff cleanly. Read-only.
/// </summary>
public static class UnresolvedReport
{
    /// <summary>Reads every recorded row.</summary>
    /// <exception cref="OperatorException">OrgScope's tables do not exist yet (kind Schema).</exception>
    public static async Task<IReadOnlyList<UnresolvedRow>> ReadAsync(MySqlConnection connection, CancellationToken cancellationToken)
    {
        if (!await ValidationRunner.TableExistsAsync(connection, ValidationRunner.UnresolvedTable, cancellationToken).ConfigureAwait(false))
        {
            throw new OperatorException(FailureKind.Schema,
                $"`{ValidationRunner.UnresolvedTable}` does not exist in this database: run `orgscope migrate` and `orgscope backfill` first.");
        }

        var rows = new List<UnresolvedRow>();
        await using var command = new MySqlCommand(
            $"SELECT table_name, row_key, reason, candidates, run_id FROM `{ValidationRunner.UnresolvedTable}`",
            connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new UnresolvedRow(
                Table: reader.GetString(0),
                Key: ResultTable.Text(reader.GetValue(1)),
                Reason: reader.GetString(2),
                Candidates: reader.IsDBNull(3) ? [] : ParseCandidates(ResultTable.Text(reader.GetValue(3))),
                RunId: reader.IsDBNull(4) ? null : ResultTable.Text(reader.GetValue(4))));
        }

        return rows
            .OrderBy(r => r.Table, StringComparer.Ordinal)
            .ThenBy(r => r.Key, RowKeys.Order)
            .ThenBy(r => r.Reason, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Candidates as stored: a JSON array ("[3,7]") or a comma-separated list ("3,7").</summary>
    public static IReadOnlyList<string> ParseCandidates(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
        {
            return [];
        }

        if (trimmed.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(trimmed);
                return document.RootElement.EnumerateArray()
                    .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? "" : e.GetRawText())
                    .ToList();
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to the plain list.
            }
        }

        return trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
