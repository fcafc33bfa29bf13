using System.Data.Common;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.Database;

/// <summary>Reads a command's first result set into rows, up to the row cap and the size cap, and drains the rest of the batch.</summary>
internal static class DbResultReader
{
    public static async Task<JsonObject> ReadAsync(DbCommand command, DbQuerySpec spec, long maxResultChars, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new JsonArray();
        var isQuery = reader.FieldCount > 0;
        var truncated = false;
        long size = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (rows.Count == spec.MaxRows)
            {
                truncated = true;
                break;
            }

            var row = new JsonObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = DbValueMapper.Read(reader, i);
                size += DbValueMapper.Size(value) + reader.GetName(i).Length;
                row[UniqueName(row, reader.GetName(i))] = value;
            }

            if (size > maxResultChars)
            {
                throw new ToolFailureException("result_too_large", $"the result is larger than {maxResultChars} characters; lower maxRows or select fewer columns", retryable: false);
            }

            rows.Add((JsonNode)row);
        }

        // Later statements of a batch still run, and their errors must surface typed, not on dispose.
        while (await reader.NextResultAsync(cancellationToken))
        {
        }

        return new JsonObject
        {
            ["rows"] = rows,
            ["rowCount"] = isQuery ? rows.Count : Math.Max(reader.RecordsAffected, 0),
            ["truncated"] = truncated,
        };
    }

    // Two columns may share a name (SELECT a.id, b.id); the second must not overwrite the first.
    private static string UniqueName(JsonObject row, string name)
    {
        name = string.IsNullOrEmpty(name) ? "?column?" : name;
        var candidate = name;
        for (var n = 2; row.ContainsKey(candidate); n++)
        {
            candidate = $"{name}_{n}";
        }

        return candidate;
    }
}
