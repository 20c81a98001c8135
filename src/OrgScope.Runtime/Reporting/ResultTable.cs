using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using MySqlConnector;

namespace OrgScope.Runtime.Reporting;

/// <summary>One result set of a script, as text: what an operator reads, and what a JSON line carries.</summary>
public sealed record ResultTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows)
{
    /// <summary>
    /// Runs a delimiter-free multi-statement script (the generated files are written so) on one connection
    /// and returns every result set it produced, in order.
    /// </summary>
    public static async Task<IReadOnlyList<ResultTable>> QueryScriptAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        var tables = new List<ResultTable>();
        await using var command = new MySqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        do
        {
            if (reader.FieldCount == 0)
            {
                continue;
            }

            var columns = new string[reader.FieldCount];
            for (var i = 0; i < columns.Length; i++)
            {
                columns[i] = reader.GetName(i);
            }

            var rows = new List<IReadOnlyList<string?>>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new string?[columns.Length];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : Text(reader.GetValue(i));
                }

                rows.Add(row);
            }

            tables.Add(new ResultTable(columns, rows));
        }
        while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));

        return tables;
    }

    /// <summary>A database value as invariant text (numbers without grouping, dates in ISO 8601).</summary>
    public static string Text(object value) => value switch
    {
        DateTime date => date.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
