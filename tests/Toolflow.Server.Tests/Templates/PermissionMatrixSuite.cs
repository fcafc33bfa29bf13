using System.Net;
using Toolflow.Core.Definitions;
using Toolflow.Server.Tests.Api;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Testing.Stores;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Templates;

/// <summary>
/// Every role × every action on a workflow and its executions, through the real routes. Each role
/// gets its own workflow (owned by one owner) with executions staged in the state each action needs,
/// so a status other than the expected one is a permission bug, not a state accident.
/// Expected: invisible → 404; visible but below the needed permission → 403; no API key → 401.
/// </summary>
public abstract class PermissionMatrixSuite(ToolflowFactory factory)
{
    private const int Allowed = 0; // any 2xx (or, for signal, the action's own answer about state)

    public static TheoryData<string> Roles() =>
        ["owner", "admin user", "grantee view", "grantee execute", "grantee edit", "grantee admin", "expired grantee", "stranger", "public view link", "public execute link"];

    [StoreTheory]
    [MemberData(nameof(Roles))]
    public async Task EachRole_GetsTheExpectedStatus_ForEachAction(string role)
    {
        var (ownerId, owner) = await factory.CreateMemberAsync();
        using (owner)
        {
            var workflowId = await owner.CreateWorkflowAsync($"Matrix {role}");
            var executions = await StageExecutionsAsync(owner, workflowId);
            var (client, token) = await ClientForAsync(role, owner, ownerId, workflowId);
            using (client)
            {
                var held = HeldPermission(role);
                var mismatches = new List<string>();
                foreach (var (action, send, needed) in Actions(workflowId, executions, token))
                {
                    using var response = await send(client);
                    var expected = Expected(role, held, action, needed);
                    var status = (int)response.StatusCode;
                    var ok = expected == Allowed ? status is >= 200 and < 300 || (action == "signal" && status is 400 or 409) : status == expected;
                    if (action == "list" && ok && status == 200)
                    {
                        var listed = (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Any(w => w.GetProperty("id").GetGuid() == workflowId);
                        ok = listed == held is not null;
                    }

                    if (!ok)
                    {
                        mismatches.Add($"{role} × {action}: expected {(expected == Allowed ? "2xx" : expected)}, got {status} {await response.Content.ReadAsStringAsync()}");
                    }
                }

                Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
            }
        }
    }

    /// <summary>What the role holds on the workflow through the API key routes (null: nothing visible).</summary>
    private static SharePermission? HeldPermission(string role) => role switch
    {
        "owner" or "admin user" or "grantee admin" => SharePermission.Admin,
        "grantee view" => SharePermission.View,
        "grantee execute" => SharePermission.Execute,
        "grantee edit" => SharePermission.Edit,
        _ => null,
    };

    private static int Expected(string role, SharePermission? held, string action, SharePermission needed)
    {
        if (role.StartsWith("public", StringComparison.Ordinal))
        {
            // A link holder has no key: the API routes answer 401; the link routes answer within the link.
            return action switch
            {
                "view" => Allowed,
                "execute" => role == "public execute link" ? Allowed : 403,
                _ => 401,
            };
        }

        if (held is null)
        {
            return action == "list" ? Allowed : 404; // listed without it, and everything else hidden
        }

        return held >= needed ? Allowed : 403;
    }

    private static IEnumerable<(string Action, Func<HttpClient, Task<HttpResponseMessage>> Send, SharePermission Needed)> Actions(
        Guid workflowId, StagedExecutions e, string? token)
    {
        var link = token is not null;
        yield return ("view", c => link ? c.GetAsync($"/api/v1/shared/{token}") : c.GetAsync($"/api/v1/workflows/{workflowId}"), SharePermission.View);
        yield return ("list", c => c.GetAsync("/api/v1/workflows?limit=100"), SharePermission.View);
        yield return ("read executions", c => c.GetAsync($"/api/v1/workflows/{workflowId}/executions"), SharePermission.View);
        yield return ("read an execution", c => c.GetAsync($"/api/v1/executions/{e.Queued}"), SharePermission.View);
        yield return ("execute", c => c.PostJsonAsync(link ? $"/api/v1/shared/{token}/execute" : $"/api/v1/workflows/{workflowId}/execute", """{"input":{"who":"m"}}"""), SharePermission.Execute);
        yield return ("pause", c => c.PostEmptyAsync($"/api/v1/executions/{e.Queued}/pause"), SharePermission.Execute);
        yield return ("resume", c => c.PostEmptyAsync($"/api/v1/executions/{e.Paused}/resume"), SharePermission.Execute);
        yield return ("cancel", c => c.PostEmptyAsync($"/api/v1/executions/{e.ToCancel}/cancel"), SharePermission.Execute);
        yield return ("retry", c => c.PostEmptyAsync($"/api/v1/executions/{e.Failed}/retry"), SharePermission.Execute);
        yield return ("signal", c => c.PostJsonAsync($"/api/v1/executions/{e.ToSignal}/signal", """{"approved":true}"""), SharePermission.Execute);
        yield return ("edit", c =>
        {
            var put = new HttpRequestMessage(HttpMethod.Put, Uri($"/api/v1/workflows/{workflowId}")) { Content = Workflow("Edited") };
            put.Headers.IfMatch.Add(new("\"1\""));
            return c.SendAsync(put);
        }, SharePermission.Edit);
        yield return ("pause workflow", c => c.PostEmptyAsync($"/api/v1/workflows/{workflowId}/pause"), SharePermission.Edit);
        yield return ("resume workflow", c => c.PostEmptyAsync($"/api/v1/workflows/{workflowId}/resume"), SharePermission.Edit);
        yield return ("share", c => c.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{"public":true,"permission":"view"}"""), SharePermission.Admin);
        yield return ("list shares", c => c.GetAsync($"/api/v1/workflows/{workflowId}/shares"), SharePermission.Admin);
        yield return ("delete", c => c.DeleteAsync($"/api/v1/workflows/{workflowId}"), SharePermission.Admin);
    }

    /// <summary>Executions in the states the controls need: queued (pause), paused (resume), queued (cancel), failed (retry), queued (signal).</summary>
    private async Task<StagedExecutions> StageExecutionsAsync(HttpClient owner, Guid workflowId)
    {
        var queued = await owner.ExecuteAsync(workflowId);
        var paused = await owner.ExecuteAsync(workflowId);
        var toCancel = await owner.ExecuteAsync(workflowId);
        var failed = await owner.ExecuteAsync(workflowId);
        var toSignal = await owner.ExecuteAsync(workflowId);
        using var pause = await owner.PostEmptyAsync($"/api/v1/executions/{paused}/pause");
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        await factory.Repositories.Executions.TransitionAsync(failed, ExecutionStatus.Queued, ExecutionStatus.Failed, new ExecutionChanges());
        return new StagedExecutions(queued, paused, toCancel, failed, toSignal);
    }

    private async Task<(HttpClient Client, string? Token)> ClientForAsync(string role, HttpClient owner, Guid ownerId, Guid workflowId)
    {
        var ownerCaller = new Caller(ownerId, UserRole.Member);
        switch (role)
        {
            case "owner":
                return (factory.ClientWithKey(await KeyForAsync(ownerId)), null);
            case "admin user":
                return ((await factory.CreateMemberAsync(UserRole.Admin)).Client, null);
            case "stranger":
                return ((await factory.CreateMemberAsync()).Client, null);
            case "public view link":
            case "public execute link":
                var permission = role == "public view link" ? "view" : "execute";
                using (var created = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"public":true,"permission":"{{permission}}"}"""))
                {
                    return (factory.CreateClient(), (await created.ReadJsonAsync()).GetProperty("token").GetString());
                }

            default:
                var (granteeId, client) = await factory.CreateMemberAsync();
                var granted = role switch
                {
                    "grantee view" => SharePermission.View,
                    "grantee execute" => SharePermission.Execute,
                    "grantee edit" => SharePermission.Edit,
                    _ => SharePermission.Admin,
                };
                var share = await factory.Repositories.Shares.GrantAsync(ownerCaller, workflowId, granteeId, granted, DateTimeOffset.UtcNow.AddDays(1));
                if (role == "expired grantee")
                {
                    await factory.ExecuteAsync("UPDATE workflow_shares SET expires_at = @past WHERE id = @id", new { past = DateTimeOffset.UtcNow.AddDays(-1), id = share.Id });
                }

                return (client, null);
        }
    }

    private async Task<string> KeyForAsync(Guid userId)
    {
        var key = Toolflow.Server.Auth.ApiKeyFormat.Generate();
        await factory.Repositories.ApiKeys.CreateAsync(userId, "matrix", key.Prefix, key.Hash);
        return key.Key;
    }

    private sealed record StagedExecutions(Guid Queued, Guid Paused, Guid ToCancel, Guid Failed, Guid ToSignal);
}

public sealed class SqlitePermissionMatrixTests(ToolflowFactory factory) : PermissionMatrixSuite(factory), IClassFixture<ToolflowFactory>;

public sealed class PostgresPermissionMatrixTests(PostgresToolflowFactory factory) : PermissionMatrixSuite(factory), IClassFixture<PostgresToolflowFactory>;
