using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Toolflow.Server.Tests.Processes;

/// <summary><c>toolflow run</c> as a user runs it: a real process, integration tools against real local peers.</summary>
public sealed class RunProcessTests : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-run-").FullName;
    private WebApplication peer = null!;
    private Uri peerAddress = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        peer = builder.Build();
        peer.MapGet("/feed", (string? q) => Results.Json(new { topic = q, items = new[] { "a", "b" } }));
        await peer.StartAsync();
        peerAddress = new Uri(peer.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        await peer.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private async Task<(int Exit, JsonObject Report)> RunAsync(string definition, Dictionary<string, string>? environment = null, string input = "{}")
    {
        var file = Path.Combine(folder, $"wf-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, definition);
        await using var run = ToolflowProcess.Start(folder, ["run", file, "--input", input], environment);
        var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return (exit, JsonNode.Parse(run.StandardOutput)!.AsObject());
    }

    private string FetchDefinition() => $$$"""
        { "name": "fetch", "nodes": [
            { "id": "fetch", "tool": "http.request", "config": { "url": "{{{peerAddress}}}feed", "query": { "q": "{{ input.topic }}" } } },
            { "id": "count", "tool": "data.set", "config": { "values": { "n": "{{ nodes.fetch.output.body.items.length }}" } } }
          ],
          "edges": [ { "source": "fetch", "target": "count" } ] }
        """;

    [Fact]
    public async Task HttpRequest_ToAnAllowedLocalPeer_Completes()
    {
        var (exit, report) = await RunAsync(FetchDefinition(), new() { ["TOOLFLOW__TOOLS__HTTP__ALLOWEDRANGES__0"] = "127.0.0.1/32" }, """{"topic":"cats"}""");

        Assert.True(exit == 0, $"toolflow run exited {exit}: {report.ToJsonString()}");
        Assert.Equal("completed", (string)report["status"]!);
        Assert.Equal("cats", (string)report["nodes"]!["fetch"]!["output"]!["body"]!["topic"]!);
        Assert.Equal(2, (int)report["output"]!["count"]!["n"]!);
    }

    [Fact]
    public async Task HttpRequest_ToLoopback_IsRefusedByDefault()
    {
        var (exit, report) = await RunAsync(FetchDefinition());

        Assert.Equal(1, exit);
        Assert.Equal("failed", (string)report["status"]!);
        Assert.True((string?)report["nodes"]?["fetch"]?["error"]?["code"] == "ssrf_refused", $"expected ssrf_refused: {report.ToJsonString()}");
        Assert.Equal("pending", (string)report["nodes"]!["count"]!["status"]!);
    }

    [Fact]
    public async Task DbQuery_WithACredentialFromTheEnvironment_ReadsRows()
    {
        var databaseFile = Path.Combine(folder, "shop.db");
        await using (var connection = new SqliteConnection($"Data Source={databaseFile}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE items(name TEXT, price REAL); INSERT INTO items VALUES ('pen', 1.5), ('book', 12);";
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var definition = """
            { "name": "q", "nodes": [ { "id": "q", "tool": "db.query", "credential": "shop",
              "config": { "sql": "SELECT name FROM items WHERE price > @min ORDER BY name", "parameters": { "min": "{{ input.min }}" } } } ] }
            """;

        var (exit, report) = await RunAsync(definition, new()
        {
            ["TOOLFLOW__CREDENTIALS__SHOP__TYPE"] = "sqlite",
            ["TOOLFLOW__CREDENTIALS__SHOP__PATH"] = databaseFile,
            ["TOOLFLOW__TOOLS__DATABASE__SQLITEDIRECTORIES__0"] = folder,
        }, """{"min":1}""");

        Assert.True(exit == 0, $"toolflow run exited {exit}: {report.ToJsonString()}");
        Assert.Equal(2, (int)report["nodes"]!["q"]!["output"]!["rowCount"]!);
        Assert.Equal("book", (string)report["nodes"]!["q"]!["output"]!["rows"]![0]!["name"]!);
    }

    [Fact]
    public async Task EmailSend_WithoutACredential_FailsClearly()
    {
        var definition = """
            { "name": "m", "nodes": [ { "id": "mail", "tool": "email.send", "credential": "smtp-main",
              "config": { "to": "ops@example.org", "subject": "hi", "body": "hello" } } ] }
            """;

        var (exit, report) = await RunAsync(definition);

        Assert.Equal(1, exit);
        Assert.Equal("credential.missing", (string)report["nodes"]!["mail"]!["error"]!["code"]!);
    }

    [Fact]
    public async Task InvalidDefinition_IsReportedWithEveryProblem_AndNothingRuns()
    {
        var (exit, report) = await RunAsync("""{ "name": "x", "nodes": [ { "id": "a", "tool": "nope" } ], "edges": [ { "source": "a", "target": "b" } ] }""");

        Assert.Equal(1, exit);
        Assert.Equal("definition.invalid", (string)report["error"]!["code"]!);
        var pointers = report["error"]!["problems"]!.AsArray().Select(p => (string)p!["pointer"]!).ToList();
        Assert.Contains("/nodes/0/tool", pointers);
        Assert.Contains("/edges/0/target", pointers);
    }
}
