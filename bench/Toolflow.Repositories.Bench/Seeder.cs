using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Database;

namespace Toolflow.Repositories.Bench;

/// <summary>Bulk rows straight through SQL (multi-row INSERTs in one transaction): seeding is not what is measured.</summary>
internal static class Seeder
{
    public static WorkflowDefinition Definition(string name) => new()
    {
        Name = name,
        Tags = ["bench"],
        Trigger = new TriggerDefinition { Type = TriggerType.Manual },
        Nodes =
        [
            new NodeDefinition { Id = "fetch", Tool = "http.request", Config = new JsonObject { ["url"] = "https://example.org" } },
            new NodeDefinition { Id = "sum", Tool = "llm.chat", Config = new JsonObject { ["prompt"] = "x" } },
        ],
        Edges = [new EdgeDefinition { Source = "fetch", Target = "sum" }],
    };

    /// <summary>Users, their workflows (spread evenly) and 5 shares per user; returns the user ids.</summary>
    public static async Task<Guid[]> SeedAsync(ToolflowDatabase database, int workflows, int users)
    {
        var pg = database.Dialect == SqlDialect.Postgres;
        var userIds = Enumerable.Range(0, users).Select(_ => Guid.CreateVersion7()).ToArray();
        var definition = JsonSerializer.Serialize(Definition("seeded"), DefinitionJsonContext.Default.WorkflowDefinition).Replace("'", "''", StringComparison.Ordinal);
        var start = DateTimeOffset.UtcNow.AddDays(-30);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await InsertAsync(connection, transaction, "users (id, email, display_name, role)", users,
            i => $"('{userIds[i]}', 'u{i}@bench.example', 'User {i}', 'member')");
        var workflowIds = Enumerable.Range(0, workflows).Select(_ => Guid.CreateVersion7()).ToArray();
        await InsertAsync(connection, transaction, "workflows (id, owner_id, name, definition, status, tags, created_at, updated_at)", workflows, i =>
        {
            var at = Time(start.AddSeconds(i * 20), pg);
            var tags = pg ? "ARRAY['bench']" : "'[\"bench\"]'";
            return $"('{workflowIds[i]}', '{userIds[i % users]}', 'wf {i}', '{definition}', '{(i % 4 == 0 ? "active" : "draft")}', {tags}, {at}, {at})";
        });
        await InsertAsync(connection, transaction, "workflow_shares (id, workflow_id, grantee_user_id, permission)", users * 5,
            i => $"('{Guid.CreateVersion7()}', '{workflowIds[(i * 7919) % workflows]}', '{userIds[(i / 5 + 1 + (i % 5)) % users]}', 'view')");
        await transaction.CommitAsync();
        return userIds;
    }

    private static string Time(DateTimeOffset value, bool pg) => pg
        ? $"'{value.UtcDateTime:yyyy-MM-dd HH:mm:ss.fff}+00'"
        : $"'{value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)}'";

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, string into, int count, Func<int, string> row)
    {
        for (var offset = 0; offset < count; offset += 500)
        {
            var sql = new StringBuilder($"INSERT INTO {into} VALUES ");
            sql.AppendJoin(", ", Enumerable.Range(offset, Math.Min(500, count - offset)).Select(row));
            sql.Append(" ON CONFLICT DO NOTHING");
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
        }
    }
}
