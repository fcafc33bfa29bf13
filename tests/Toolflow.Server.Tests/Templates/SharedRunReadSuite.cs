using System.Net;
using System.Text.Json;
using Toolflow.Server.Tests.Api;
using Toolflow.Testing.Stores;

namespace Toolflow.Server.Tests.Templates;

/// <summary><c>GET /shared/{token}/runs/{runToken}</c>: a link's holder reads the run they started, and nothing else.</summary>
public abstract class SharedRunReadSuite(ToolflowFactory factory)
{
    [StoreFact]
    public async Task TheExecuteAnswer_CarriesARunToken_ThatReadsThatRun_WithoutInputOrNodes()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        using var anonymous = factory.CreateClient();
        using (owner)
        {
            var workflowId = await owner.CreateWorkflowAsync("Linked");
            var token = await LinkAsync(owner, workflowId, "execute");

            using var ran = await anonymous.PostJsonAsync($"/api/v1/shared/{token}/execute", """{"input":{"who":"Zoë-secret-input"}}""");
            Assert.Equal(HttpStatusCode.Accepted, ran.StatusCode);
            Assert.Null(ran.Headers.Location); // never a way to /executions/{id}
            var started = await ran.ReadJsonAsync();
            var runToken = started.GetProperty("runToken").GetString()!;

            using var read = await anonymous.GetAsync($"/api/v1/shared/{token}/runs/{runToken}");
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            var text = await read.Content.ReadAsStringAsync();
            var run = JsonDocument.Parse(text).RootElement;
            Assert.Equal(started.GetProperty("id").GetGuid(), run.GetProperty("id").GetGuid());
            Assert.Contains(run.GetProperty("status").GetString(), new[] { "queued", "running", "completed" });
            foreach (var hidden in new[] { "input", "nodes", "workflowId", "idempotencyKey", "Zoë-secret-input", "runToken" })
            {
                Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
            }

            // The owner's own execution answers never carry a run token.
            using var asOwner = await owner.GetAsync($"/api/v1/executions/{run.GetProperty("id").GetGuid()}");
            Assert.DoesNotContain("runToken", await asOwner.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [StoreFact]
    public async Task ARunToken_OpensOnlyItsOwnRun_UnderItsOwnLiveLink_Else404()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        using var anonymous = factory.CreateClient();
        using (owner)
        {
            var workflowId = await owner.CreateWorkflowAsync("Linked");
            var otherWorkflowId = await owner.CreateWorkflowAsync("Other");
            var token = await LinkAsync(owner, workflowId, "execute");
            var secondLink = await LinkAsync(owner, workflowId, "execute");
            var viewLink = await LinkAsync(owner, workflowId, "view");
            var otherLink = await LinkAsync(owner, otherWorkflowId, "execute");
            var runToken = await RunTokenAsync(anonymous, token);
            var ownersRun = await owner.ExecuteAsync(workflowId); // another run of the same workflow, not started through the link

            var tampered = runToken[..^3] + (runToken.EndsWith("AAA", StringComparison.Ordinal) ? "BBB" : "AAA");
            var refused = new[]
            {
                $"{secondLink}/runs/{runToken}", // same workflow, another link
                $"{viewLink}/runs/{runToken}",
                $"{otherLink}/runs/{runToken}",
                $"{token}/runs/{tampered}",
                $"{token}/runs/{ownersRun}", // an execution id is not a run token
                $"{token}/runs/{new string('A', 600)}", // oversized
                $"{token}/runs/%27%20OR%201%3D1--", // hostile
                $"{token}/runs/..%2F..%2Fexecutions%2F{ownersRun}",
                $"tfs_nothing/runs/{runToken}", // a wrong link token
                $"{new string('x', 500)}/runs/{runToken}",
            };
            foreach (var path in refused)
            {
                using var response = await anonymous.GetAsync($"/api/v1/shared/{path}");
                await response.AssertProblemAsync(HttpStatusCode.NotFound);
                Assert.DoesNotContain("createdAt", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal); // a problem, no run in it
            }

            // A bearer key does not widen it: the owner's key reads nothing more through the link route.
            using var withKey = await owner.GetAsync($"/api/v1/shared/{secondLink}/runs/{runToken}");
            await withKey.AssertProblemAsync(HttpStatusCode.NotFound);

            // The holder still reads their own; revoked, the link takes its run tokens with it.
            using (var ok = await anonymous.GetAsync($"/api/v1/shared/{token}/runs/{runToken}"))
            {
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }

            using var shares = await owner.GetAsync($"/api/v1/workflows/{workflowId}/shares");
            var prefix = token[..12];
            var shareId = (await shares.ReadJsonAsync()).GetProperty("items").EnumerateArray().Single(s => s.GetProperty("tokenPrefix").GetString() == prefix).GetProperty("id").GetGuid();
            using (await owner.DeleteAsync($"/api/v1/workflows/{workflowId}/shares/{shareId}"))
            {
            }

            using var afterRevoke = await anonymous.GetAsync($"/api/v1/shared/{token}/runs/{runToken}");
            await afterRevoke.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(2, await factory.CountAsync("SELECT count(*) FROM workflow_executions WHERE workflow_id = @id", new { id = workflowId }));
        }
    }

    private static async Task<string> LinkAsync(HttpClient owner, Guid workflowId, string permission)
    {
        using var link = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"public":true,"permission":"{{permission}}"}""");
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        return (await link.ReadJsonAsync()).GetProperty("token").GetString()!;
    }

    private static async Task<string> RunTokenAsync(HttpClient anonymous, string token)
    {
        using var ran = await anonymous.PostJsonAsync($"/api/v1/shared/{token}/execute", """{"input":{"who":"Ada"}}""");
        Assert.Equal(HttpStatusCode.Accepted, ran.StatusCode);
        return (await ran.ReadJsonAsync()).GetProperty("runToken").GetString()!;
    }
}

public sealed class SqliteSharedRunReadTests(ToolflowFactory factory) : SharedRunReadSuite(factory), IClassFixture<ToolflowFactory>;

public sealed class PostgresSharedRunReadTests(PostgresToolflowFactory factory) : SharedRunReadSuite(factory), IClassFixture<PostgresToolflowFactory>;
