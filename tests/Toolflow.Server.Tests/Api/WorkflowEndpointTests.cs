using System.Net;
using System.Net.Http.Headers;
using Toolflow.Core.Definitions;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Api;

public sealed class WorkflowEndpointTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public async Task Create_ValidDefinition_Answers201WithTheResource()
    {
        using var client = factory.AdminClient();

        using var response = await client.PostAsync(Uri("/api/v1/workflows"), Workflow("Created"));
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/workflows/{body.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
        Assert.Equal("Created", body.GetProperty("name").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
        Assert.Equal("draft", body.GetProperty("status").GetString());
        Assert.Equal("hello", body.GetProperty("nodes")[0].GetProperty("id").GetString());
        Assert.True(body.GetProperty("complexityScore").GetInt32() > 0);
    }

    [Fact]
    public async Task Create_InvalidDefinition_Answers400KeyedByPointer_AndWritesNothing()
    {
        using var client = factory.AdminClient();
        var before = await CountAsync();

        using var response = await client.PostJsonAsync("/api/v1/workflows", """
            {"name":"Bad","nodes":[{"id":"a","tool":"no.such"},{"id":"a","tool":"data.set","config":{"values":{}}}],"edges":[{"source":"a","target":"zz"}]}
            """);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "/nodes/0/tool", "/edges/0/target");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Create_MinimalDefinition_WithoutTagsOrEdges_Works()
    {
        using var client = factory.AdminClient();

        using var response = await client.PostJsonAsync("/api/v1/workflows", """{"name":"Minimal","nodes":[{"id":"a","tool":"data.set","config":{"values":{}}}]}""");
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(0, body.GetProperty("tags").GetArrayLength());
        Assert.Equal(0, body.GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task Get_AnotherUsersWorkflow_Answers404()
    {
        using var admin = factory.AdminClient();
        var id = await admin.CreateWorkflowAsync();
        var (_, member) = await factory.CreateMemberAsync();
        using (member)
        {
            using var response = await member.GetAsync($"/api/v1/workflows/{id}");
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
            using var put = await PutAsync(member, $"/api/v1/workflows/{id}", Workflow(), 1);
            await put.AssertProblemAsync(HttpStatusCode.NotFound);
            using var execute = await member.PostJsonAsync($"/api/v1/workflows/{id}/execute", """{"input":{"who":"x"}}""");
            await execute.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Update_WithIfMatch_KeepsANewVersion_StaleAnswers412_MissingAnswers428()
    {
        using var client = factory.AdminClient();
        var id = await client.CreateWorkflowAsync("Before");

        using var updated = await PutAsync(client, $"/api/v1/workflows/{id}", Workflow("After"), 1);
        var body = await updated.ReadJsonAsync();
        using var stale = await PutAsync(client, $"/api/v1/workflows/{id}", Workflow("Lost"), 1);
        using var missing = await PutAsync(client, $"/api/v1/workflows/{id}", Workflow("Blind"), null);
        using var versions = await client.GetAsync($"/api/v1/workflows/{id}/versions");
        using var first = await client.GetAsync($"/api/v1/workflows/{id}/versions/1");

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(2, body.GetProperty("version").GetInt32());
        Assert.Equal("\"2\"", updated.Headers.ETag?.Tag);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await missing.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        Assert.Equal(2, (await versions.ReadJsonAsync()).GetProperty("items").GetArrayLength());
        Assert.Equal("Before", (await first.ReadJsonAsync()).GetProperty("definition").GetProperty("name").GetString());
    }

    /// <summary>Each version names who saved it (as a share names its person); once that user is gone, nobody is named.</summary>
    [Fact]
    public async Task Versions_NameTheirAuthor_ByEmailAndDisplayName()
    {
        var (ownerId, owner) = await factory.CreateMemberAsync();
        var (editorId, editor) = await factory.CreateMemberAsync();
        using (owner)
        using (editor)
        {
            var id = await owner.CreateWorkflowAsync("Before");
            using (var shared = await owner.PostJsonAsync($"/api/v1/workflows/{id}/shares", $$"""{"userId":"{{editorId}}","permission":"edit"}"""))
            {
                Assert.Equal(HttpStatusCode.Created, shared.StatusCode);
            }

            using (var edited = await PutAsync(editor, $"/api/v1/workflows/{id}", Workflow("After"), 1))
            {
                Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
            }

            var ownerRecord = (await factory.Repositories.Users.GetAsync(ownerId))!;
            var editorRecord = (await factory.Repositories.Users.GetAsync(editorId))!;
            using var list = await owner.GetAsync($"/api/v1/workflows/{id}/versions");
            var items = (await list.ReadJsonAsync()).GetProperty("items").EnumerateArray().ToDictionary(v => v.GetProperty("version").GetInt32());
            Assert.Equal(ownerRecord.Email, items[1].GetProperty("createdByEmail").GetString());
            Assert.Equal(ownerRecord.DisplayName, items[1].GetProperty("createdByDisplayName").GetString());
            Assert.Equal(editorRecord.Email, items[2].GetProperty("createdByEmail").GetString());
            using var one = await owner.GetAsync($"/api/v1/workflows/{id}/versions/2");
            Assert.Equal(editorRecord.DisplayName, (await one.ReadJsonAsync()).GetProperty("createdByDisplayName").GetString());

            Assert.True(await factory.Repositories.Users.DeleteAsync(editorId));
            using var after = await owner.GetAsync($"/api/v1/workflows/{id}/versions/2");
            var gone = await after.ReadJsonAsync();
            Assert.False(gone.TryGetProperty("createdByEmail", out _));
            Assert.False(gone.TryGetProperty("createdByDisplayName", out _));
        }
    }

    /// <summary>RFC 9110 §13.1.1: <c>If-Match: *</c> asks to replace whatever version is current — an explicit choice, unlike a missing header (428).</summary>
    [Fact]
    public async Task Update_WithIfMatchStar_ReplacesTheCurrentVersion()
    {
        using var client = factory.AdminClient();
        var id = await client.CreateWorkflowAsync("Before");
        using (await PutAsync(client, $"/api/v1/workflows/{id}", Workflow("Second"), 1))
        {
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, Uri($"/api/v1/workflows/{id}")) { Content = Workflow("Whatever is there") };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        using var star = await client.SendAsync(request);
        using var unknownRequest = new HttpRequestMessage(HttpMethod.Put, Uri($"/api/v1/workflows/{Guid.NewGuid()}")) { Content = Workflow("Nobody") };
        unknownRequest.Headers.IfMatch.Add(EntityTagHeaderValue.Any);
        using var unknown = await client.SendAsync(unknownRequest);

        Assert.Equal(HttpStatusCode.OK, star.StatusCode);
        var body = await star.ReadJsonAsync();
        Assert.Equal(3, body.GetProperty("version").GetInt32());
        Assert.Equal("Whatever is there", body.GetProperty("name").GetString());
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_WithViewShare_Answers403()
    {
        using var admin = factory.AdminClient();
        var id = await admin.CreateWorkflowAsync();
        var (memberId, member) = await factory.CreateMemberAsync();
        await GrantAsync(id, memberId, SharePermission.View);
        using (member)
        {
            using var read = await member.GetAsync($"/api/v1/workflows/{id}");
            using var put = await PutAsync(member, $"/api/v1/workflows/{id}", Workflow("Mine now"), 1);
            using var execute = await member.PostJsonAsync($"/api/v1/workflows/{id}/execute", """{"input":{"who":"x"}}""");

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            await put.AssertProblemAsync(HttpStatusCode.Forbidden);
            await execute.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task List_FiltersByTagAndPagesWithACursor()
    {
        var (_, client) = await factory.CreateMemberAsync();
        using (client)
        {
            var tag = $"t{Guid.NewGuid():N}"[..20];
            for (var i = 0; i < 3; i++)
            {
                await client.CreateWorkflowAsync($"Listed {i}", tag);
            }

            await client.CreateWorkflowAsync("Other");

            using var first = await client.GetAsync($"/api/v1/workflows?tag={tag}&limit=2&sort=name");
            var page = await first.ReadJsonAsync();
            var cursor = page.GetProperty("nextCursor").GetString();
            using var second = await client.GetAsync($"/api/v1/workflows?tag={tag}&limit=2&sort=name&cursor={System.Uri.EscapeDataString(cursor!)}");
            var last = await second.ReadJsonAsync();
            using var bad = await client.GetAsync("/api/v1/workflows?limit=500&owner=someone&status=nope");

            Assert.Equal(["Listed 0", "Listed 1"], page.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("name").GetString()));
            Assert.Equal(["Listed 2"], last.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("name").GetString()));
            Assert.Equal(System.Text.Json.JsonValueKind.Null, last.GetProperty("nextCursor").ValueKind);
            await bad.AssertProblemAsync(HttpStatusCode.BadRequest, "/limit", "/owner", "/status");
        }
    }

    [Fact]
    public async Task Delete_ArchivesTheWorkflow_AndItLeavesTheDefaultList()
    {
        using var client = factory.AdminClient();
        var id = await client.CreateWorkflowAsync("Archived one");

        using var deleted = await client.DeleteAsync($"/api/v1/workflows/{id}");
        using var fetched = await client.GetAsync($"/api/v1/workflows/{id}");
        using var execute = await client.PostJsonAsync($"/api/v1/workflows/{id}/execute", """{"input":{"who":"x"}}""");

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal("archived", (await fetched.ReadJsonAsync()).GetProperty("status").GetString());
        await execute.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Validate_AnswersValidOrTheProblems_WithoutSaving()
    {
        using var client = factory.AdminClient();
        var before = await CountAsync();

        using var valid = await client.PostAsync(Uri("/api/v1/workflows/validate"), Workflow());
        using var invalid = await client.PostJsonAsync("/api/v1/workflows/validate", """{"name":"x","nodes":[{"id":"1bad","tool":"data.set"}]}""");

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.True((await valid.ReadJsonAsync()).GetProperty("valid").GetBoolean());
        await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "/nodes/0/id");
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Execute_Answers202WithLocation_AndQueuedExecution()
    {
        using var client = factory.AdminClient();
        var id = await client.CreateWorkflowAsync();

        using var response = await client.PostJsonAsync($"/api/v1/workflows/{id}/execute", """{"input":{"who":"Ada"},"idempotencyKey":"k1"}""");
        var execution = await response.ReadJsonAsync();
        using var again = await client.PostJsonAsync($"/api/v1/workflows/{id}/execute", """{"input":{"who":"Ada"},"idempotencyKey":"k1"}""");
        using var fetched = await client.GetAsync(response.Headers.Location!.OriginalString);
        using var listed = await client.GetAsync($"/api/v1/workflows/{id}/executions?status=queued");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("queued", execution.GetProperty("status").GetString());
        Assert.Equal("Ada", execution.GetProperty("input").GetProperty("who").GetString());
        Assert.Equal(execution.GetProperty("id").GetGuid(), (await again.ReadJsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(1, (await listed.ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Execute_InputAgainstSchema_Answers400AtThePointer()
    {
        using var client = factory.AdminClient();
        var id = await client.CreateWorkflowAsync();

        using var wrongType = await client.PostJsonAsync($"/api/v1/workflows/{id}/execute", """{"input":{"who":42}}""");
        using var notObject = await client.PostJsonAsync($"/api/v1/workflows/{id}/execute", """{"input":[1]}""");

        var problem = await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith("/input", StringComparison.Ordinal));
        await notObject.AssertProblemAsync(HttpStatusCode.BadRequest, "/input");
    }

    [Fact]
    public async Task PauseAndResume_ChangeTheWorkflowStatus_AndReachItsExecutions()
    {
        using var client = factory.AdminClient();
        var id = await client.CreateWorkflowAsync();
        var executionId = await client.ExecuteAsync(id);

        using var paused = await client.PostEmptyAsync($"/api/v1/workflows/{id}/pause");
        var pausedStatus = (await paused.ReadJsonAsync()).GetProperty("status").GetString();
        using var pausedExecution = await client.GetAsync($"/api/v1/executions/{executionId}");
        var executionWhilePaused = (await pausedExecution.ReadJsonAsync()).GetProperty("status").GetString();
        using var resumed = await client.PostEmptyAsync($"/api/v1/workflows/{id}/resume");
        using var resumedExecution = await client.GetAsync($"/api/v1/executions/{executionId}");

        Assert.Equal("paused", pausedStatus);
        Assert.Equal("paused", executionWhilePaused);
        // It was a draft before the pause, so resume makes it a draft again (not active: resume is not activation).
        Assert.Equal("draft", (await resumed.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal("queued", (await resumedExecution.ReadJsonAsync()).GetProperty("status").GetString());
    }

    /// <summary>
    /// DELETE archives and an archived workflow refuses edits "until restored": <c>POST …/restore</c> brings it back as a
    /// draft (admin permission, like archiving), 409 when it is not archived, 404 for a stranger, 403 for an editor.
    /// </summary>
    [Fact]
    public async Task Restore_BringsAnArchivedWorkflowBackAsADraft_WithArchivesPermissions()
    {
        using var owner = factory.AdminClient();
        var (editorId, editor) = await factory.CreateMemberAsync();
        var (_, stranger) = await factory.CreateMemberAsync();
        using (editor)
        using (stranger)
        {
            var id = await owner.CreateWorkflowAsync("Archived then restored");
            await GrantAsync(id, editorId, SharePermission.Edit);
            using (await owner.DeleteAsync(Uri($"/api/v1/workflows/{id}")))
            {
            }

            using var editWhileArchived = await PutAsync(owner, $"/api/v1/workflows/{id}", Workflow("Edited"), 1);
            using var byStranger = await stranger.PostEmptyAsync($"/api/v1/workflows/{id}/restore");
            using var byEditor = await editor.PostEmptyAsync($"/api/v1/workflows/{id}/restore");
            using var restored = await owner.PostEmptyAsync($"/api/v1/workflows/{id}/restore");
            using var again = await owner.PostEmptyAsync($"/api/v1/workflows/{id}/restore");
            using var editAfter = await PutAsync(owner, $"/api/v1/workflows/{id}", Workflow("Edited"), 1);
            using var missing = await owner.PostEmptyAsync($"/api/v1/workflows/{Guid.NewGuid()}/restore");

            await editWhileArchived.AssertProblemAsync(HttpStatusCode.Conflict);
            await byStranger.AssertProblemAsync(HttpStatusCode.NotFound);
            await byEditor.AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
            Assert.Equal("draft", (await restored.ReadJsonAsync()).GetProperty("status").GetString());
            await again.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(HttpStatusCode.OK, editAfter.StatusCode);
            await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Resume_GivesBackTheStatusBeforeThePause_AndLeavesAnUnpausedWorkflowAlone()
    {
        using var client = factory.AdminClient();
        var draft = await client.CreateWorkflowAsync();
        using var created = await client.PostAsync(Uri("/api/v1/workflows"), JsonText(SimpleWorkflow.Replace("\"nodes\"", "\"status\": \"active\", \"nodes\"", StringComparison.Ordinal)));
        var active = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();

        async Task<string?> StatusAfterAsync(string path)
        {
            using var response = await client.PostEmptyAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.ReadJsonAsync()).GetProperty("status").GetString();
        }

        Assert.Equal("draft", await StatusAfterAsync($"/api/v1/workflows/{draft}/resume"));
        Assert.Equal("paused", await StatusAfterAsync($"/api/v1/workflows/{draft}/pause"));
        Assert.Equal("draft", await StatusAfterAsync($"/api/v1/workflows/{draft}/resume"));
        Assert.Equal("paused", await StatusAfterAsync($"/api/v1/workflows/{active}/pause"));
        Assert.Equal("active", await StatusAfterAsync($"/api/v1/workflows/{active}/resume"));
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string path, HttpContent content, int? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Uri(path)) { Content = content };
        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        return await client.SendAsync(request);
    }

    private async Task GrantAsync(Guid workflowId, Guid userId, SharePermission permission)
    {
        var admin = (await factory.Repositories.Users.GetByEmailAsync("admin@localhost"))!;
        await factory.Repositories.Shares.GrantAsync(admin.AsCaller(), workflowId, userId, permission);
    }

    private async Task<int> CountAsync()
    {
        var admin = (await factory.Repositories.Users.GetByEmailAsync("admin@localhost"))!;
        var total = 0;
        string? cursor = null;
        do
        {
            var page = await factory.Repositories.Workflows.ListAsync(
                admin.AsCaller(), new Storage.Repositories.Workflows.WorkflowListQuery { Statuses = Enum.GetValues<WorkflowStatus>(), Cursor = cursor, Limit = 100 });
            total += page.Items.Count;
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return total;
    }
}
