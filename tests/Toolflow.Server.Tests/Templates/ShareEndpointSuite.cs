using System.Net;
using System.Text;
using Toolflow.Server.Tests.Api;
using Toolflow.Testing.Stores;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Templates;

/// <summary>/workflows/{id}/shares and the anonymous /shared/{token} routes.</summary>
public abstract class ShareEndpointSuite(ToolflowFactory factory)
{
    [StoreFact]
    public async Task SharingWithAPerson_ByIdOrEmail_ListAndRevoke()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        var (granteeId, grantee) = await factory.CreateMemberAsync();
        using (owner)
        using (grantee)
        {
            var workflowId = await owner.CreateWorkflowAsync("Shared");
            var email = (await factory.Repositories.Users.GetAsync(granteeId))!.Email;
            using var before = await grantee.GetAsync($"/api/v1/workflows/{workflowId}");
            await before.AssertProblemAsync(HttpStatusCode.NotFound);

            using var byEmail = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"email":"{{email.ToUpperInvariant()}}","permission":"view"}""");
            Assert.Equal(HttpStatusCode.Created, byEmail.StatusCode);
            var share = await byEmail.ReadJsonAsync();
            Assert.Equal(granteeId, share.GetProperty("userId").GetGuid());
            Assert.Equal(email, share.GetProperty("userEmail").GetString());
            using var seen = await grantee.GetAsync($"/api/v1/workflows/{workflowId}");
            Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
            using var cannotRun = await grantee.PostJsonAsync($"/api/v1/workflows/{workflowId}/execute", """{"input":{"who":"x"}}""");
            await cannotRun.AssertProblemAsync(HttpStatusCode.Forbidden);

            using var byId = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"userId":"{{granteeId}}","permission":"execute"}""");
            Assert.Equal(HttpStatusCode.Created, byId.StatusCode);
            using var canRun = await grantee.PostJsonAsync($"/api/v1/workflows/{workflowId}/execute", """{"input":{"who":"x"}}""");
            Assert.Equal(HttpStatusCode.Accepted, canRun.StatusCode);
            // Each caller is told what they may do with it.
            using var asGrantee = await grantee.GetAsync($"/api/v1/workflows/{workflowId}");
            Assert.Equal("execute", (await asGrantee.ReadJsonAsync()).GetProperty("permission").GetString());
            using var asOwner = await owner.GetAsync($"/api/v1/workflows/{workflowId}");
            Assert.Equal("admin", (await asOwner.ReadJsonAsync()).GetProperty("permission").GetString());

            using var list = await owner.GetAsync($"/api/v1/workflows/{workflowId}/shares");
            var items = (await list.ReadJsonAsync()).GetProperty("items");
            Assert.Equal(1, items.GetArrayLength()); // the second grant replaced the first
            Assert.Equal("execute", items[0].GetProperty("permission").GetString());
            // Who it is, not only an id: the share page lists people by name and e-mail.
            var person = (await factory.Repositories.Users.GetAsync(granteeId))!;
            Assert.Equal(person.Email, items[0].GetProperty("userEmail").GetString());
            Assert.Equal(person.DisplayName, items[0].GetProperty("userDisplayName").GetString());
            using var granteeCannotList = await grantee.GetAsync($"/api/v1/workflows/{workflowId}/shares");
            await granteeCannotList.AssertProblemAsync(HttpStatusCode.Forbidden);

            using var revoked = await owner.DeleteAsync($"/api/v1/workflows/{workflowId}/shares/{items[0].GetProperty("id").GetGuid()}");
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
            using var after = await grantee.GetAsync($"/api/v1/workflows/{workflowId}");
            await after.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    /// <summary>A public link runs the workflow as a trigger does, so a paused workflow's link answers 409 (and still counts the use); resumed, it runs again.</summary>
    [StoreFact]
    public async Task APausedWorkflowsLink_Answers409_UntilResumed()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        using var anonymous = factory.CreateClient();
        using (owner)
        {
            var workflowId = await owner.CreateWorkflowAsync("Linked");
            using var link = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{"public":true,"permission":"execute"}""");
            var token = (await link.ReadJsonAsync()).GetProperty("token").GetString()!;
            using (await owner.PostEmptyAsync($"/api/v1/workflows/{workflowId}/pause"))
            {
            }

            using var whilePaused = await anonymous.PostJsonAsync($"/api/v1/shared/{token}/execute", """{"input":{"who":"x"}}""");
            var executionsWhilePaused = await factory.CountAsync("SELECT COUNT(*) FROM workflow_executions WHERE workflow_id = @id", new { id = workflowId });
            using (await owner.PostEmptyAsync($"/api/v1/workflows/{workflowId}/resume"))
            {
            }

            using var resumed = await anonymous.PostJsonAsync($"/api/v1/shared/{token}/execute", """{"input":{"who":"x"}}""");

            await whilePaused.AssertProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(0L, executionsWhilePaused);
            Assert.Equal(HttpStatusCode.Accepted, resumed.StatusCode);
        }
    }

    /// <summary>
    /// The webhook's <c>hookId</c> runs the workflow anonymously, and keeps doing so after a share ends: only those who
    /// may rotate it (edit and above) see it; a view or execute grantee sees the trigger without it, in the workflow,
    /// the list and the version history (where nobody sees it: it is server metadata, not an edited field).
    /// </summary>
    [StoreFact]
    public async Task TheHookId_IsShownToEditorsOnly_NeverInVersions()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        var (viewerId, viewer) = await factory.CreateMemberAsync();
        var (runnerId, runner) = await factory.CreateMemberAsync();
        var (editorId, editor) = await factory.CreateMemberAsync();
        using (owner)
        using (viewer)
        using (runner)
        using (editor)
        {
            using var created = await owner.PostJsonAsync("/api/v1/workflows", """
                {"name":"Hooked","trigger":{"type":"webhook"},"nodes":[{"id":"a","tool":"data.set","config":{"values":{"x":1}}}],"edges":[]}
                """);
            var workflow = await created.ReadJsonAsync();
            var workflowId = workflow.GetProperty("id").GetGuid();
            var hookId = workflow.GetProperty("trigger").GetProperty("hookId").GetString();
            Assert.False(string.IsNullOrEmpty(hookId));
            foreach (var (userId, permission) in new[] { (viewerId, "view"), (runnerId, "execute"), (editorId, "edit") })
            {
                using var granted = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"userId":"{{userId}}","permission":"{{permission}}"}""");
                Assert.Equal(HttpStatusCode.Created, granted.StatusCode);
            }

            async Task<string> SeenByAsync(HttpClient client)
            {
                using var one = await client.GetAsync($"/api/v1/workflows/{workflowId}");
                using var list = await client.GetAsync("/api/v1/workflows?owner=shared");
                using var version = await client.GetAsync($"/api/v1/workflows/{workflowId}/versions/1");
                using var versions = await client.GetAsync($"/api/v1/workflows/{workflowId}/versions");
                return string.Join("|", await one.Content.ReadAsStringAsync(), await list.Content.ReadAsStringAsync(), await version.Content.ReadAsStringAsync(), await versions.Content.ReadAsStringAsync());
            }

            var byViewer = await SeenByAsync(viewer);
            var byRunner = await SeenByAsync(runner);
            using var byEditor = await editor.GetAsync($"/api/v1/workflows/{workflowId}");
            using var ownVersion = await owner.GetAsync($"/api/v1/workflows/{workflowId}/versions/1");

            Assert.Contains("\"webhook\"", byViewer, StringComparison.Ordinal);
            Assert.DoesNotContain(hookId!, byViewer, StringComparison.Ordinal);
            Assert.DoesNotContain(hookId!, byRunner, StringComparison.Ordinal);
            Assert.Equal(hookId, (await byEditor.ReadJsonAsync()).GetProperty("trigger").GetProperty("hookId").GetString());
            Assert.DoesNotContain(hookId!, await ownVersion.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// <c>email</c> only finds a user: the bootstrap administrator's <c>admin@localhost</c> (a dotless domain a new
    /// user may not be given) can be named, and anything naming nobody answers 400 "names no user", nothing written.
    /// </summary>
    [StoreFact]
    public async Task SharingByEmail_FindsTheBootstrapAdministrator_AndOnlyLooksUp()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        using (owner)
        {
            var workflowId = await owner.CreateWorkflowAsync("For the admin");
            var adminId = (await factory.Repositories.Users.GetByEmailAsync("admin@localhost"))!.Id;

            using var toAdmin = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{"email":"admin@localhost","permission":"view"}""");
            using var toNobody = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{"email":"not-an-address","permission":"view"}""");
            using var list = await owner.GetAsync($"/api/v1/workflows/{workflowId}/shares");

            Assert.Equal(HttpStatusCode.Created, toAdmin.StatusCode);
            Assert.Equal(adminId, (await toAdmin.ReadJsonAsync()).GetProperty("userId").GetGuid());
            var problem = await toNobody.AssertProblemAsync(HttpStatusCode.BadRequest, "/email");
            Assert.Equal("names no user", problem.GetProperty("errors").GetProperty("/email")[0].GetString());
            Assert.Equal(1, (await list.ReadJsonAsync()).GetProperty("items").GetArrayLength());
        }
    }

    [StoreFact]
    public async Task SharingWithTheOwner_IsNamedAtTheFieldSent()
    {
        var (ownerId, owner) = await factory.CreateMemberAsync();
        using (owner)
        {
            var workflowId = await owner.CreateWorkflowAsync("Mine");
            var email = (await factory.Repositories.Users.GetAsync(ownerId))!.Email;

            using var byEmail = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"email":"{{email}}","permission":"view"}""");
            using var byId = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"userId":"{{ownerId}}","permission":"view"}""");

            var problem = await byEmail.AssertProblemAsync(HttpStatusCode.BadRequest, "/email");
            Assert.Equal("is the workflow's owner", problem.GetProperty("errors").GetProperty("/email")[0].GetString());
            await byId.AssertProblemAsync(HttpStatusCode.BadRequest, "/userId");
        }
    }

    [StoreFact]
    public async Task AnAdminGrantee_MayShare_OthersMayNot_AndNobodyGrantsMoreThanTheyHold()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        var (adminGranteeId, adminGrantee) = await factory.CreateMemberAsync();
        var (editorId, editor) = await factory.CreateMemberAsync();
        var (thirdId, third) = await factory.CreateMemberAsync();
        using (owner)
        using (adminGrantee)
        using (editor)
        using (third)
        {
            var workflowId = await owner.CreateWorkflowAsync("Delegated");
            await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"userId":"{{adminGranteeId}}","permission":"admin"}""");
            await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"userId":"{{editorId}}","permission":"edit"}""");

            using var byAdminGrantee = await adminGrantee.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"userId":"{{thirdId}}","permission":"admin"}""");
            using var byEditor = await editor.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"userId":"{{thirdId}}","permission":"view"}""");
            using var linkByEditor = await editor.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{"public":true,"permission":"view"}""");
            using var toOwner = await adminGrantee.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"userId":"{{(await factory.Repositories.Workflows.GetAsync(new(adminGranteeId, Core.Definitions.UserRole.Member), workflowId))!.OwnerId}}","permission":"view"}""");

            Assert.Equal(HttpStatusCode.Created, byAdminGrantee.StatusCode);
            await byEditor.AssertProblemAsync(HttpStatusCode.Forbidden);
            await linkByEditor.AssertProblemAsync(HttpStatusCode.Forbidden);
            await toOwner.AssertProblemAsync(HttpStatusCode.BadRequest, "/userId");
            using var thirdSees = await third.GetAsync($"/api/v1/workflows/{workflowId}");
            Assert.Equal(HttpStatusCode.OK, thirdSees.StatusCode);
        }
    }

    [StoreFact]
    public async Task PublicLinks_ShowNoSecrets_RunWithinTheirPermission_AndCountEachUse()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        using var anonymous = factory.CreateClient();
        using (owner)
        {
            const string Secret = "Bearer sk-live-very-secret";
            using var created = await owner.PostJsonAsync("/api/v1/workflows", """
                {"name":"Linked","trigger":{"type":"webhook"},
                 "nodes":[{"id":"call","tool":"http.request","credential":"my-api-cred","config":{"method":"GET","url":"https://example.org","headers":{"Authorization":"SECRET"}}}],
                 "edges":[]}
                """.Replace("SECRET", Secret, StringComparison.Ordinal));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var workflowId = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();

            using var viewLink = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{"public":true,"permission":"view"}""");
            using var runLink = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{"public":true,"permission":"execute"}""");
            var view = await viewLink.ReadJsonAsync();
            var viewToken = view.GetProperty("token").GetString()!;
            var runToken = (await runLink.ReadJsonAsync()).GetProperty("token").GetString()!;
            Assert.StartsWith(view.GetProperty("tokenPrefix").GetString()!, viewToken, StringComparison.Ordinal);

            using var shown = await anonymous.GetAsync($"/api/v1/shared/{viewToken}");
            var text = await shown.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
            Assert.Contains("\"Linked\"", text, StringComparison.Ordinal);
            foreach (var hidden in new[] { Secret, "my-api-cred", "ownerId", "hookId", "@example.org" })
            {
                Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
            }

            using var viewCannotRun = await anonymous.PostJsonAsync($"/api/v1/shared/{viewToken}/execute", """{"input":{}}""");
            await viewCannotRun.AssertProblemAsync(HttpStatusCode.Forbidden);
            using var ran = await anonymous.PostJsonAsync($"/api/v1/shared/{runToken}/execute", """{"input":{}}""");
            Assert.Equal(HttpStatusCode.Accepted, ran.StatusCode);
            Assert.Equal(workflowId, (await ran.ReadJsonAsync()).GetProperty("workflowId").GetGuid());

            using var list = await owner.GetAsync($"/api/v1/workflows/{workflowId}/shares");
            var listText = await list.Content.ReadAsStringAsync();
            Assert.DoesNotContain(viewToken, listText, StringComparison.Ordinal);
            Assert.DoesNotContain(runToken, listText, StringComparison.Ordinal);
            var counts = (await list.ReadJsonAsync()).GetProperty("items").EnumerateArray()
                .ToDictionary(s => s.GetProperty("permission").GetString()!, s => s.GetProperty("accessCount").GetInt64());
            Assert.Equal(2, counts["view"]); // the view and the refused run
            Assert.Equal(1, counts["execute"]);
        }
    }

    [StoreFact]
    public async Task WrongExpiredRevokedAndArchivedLinks_Are404_AndCountNothing()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        using var anonymous = factory.CreateClient();
        using (owner)
        {
            var revokedWorkflow = await owner.CreateWorkflowAsync("Revoked");
            var archivedWorkflow = await owner.CreateWorkflowAsync("Archived");
            var revoked = await (await owner.PostJsonAsync($"/api/v1/workflows/{revokedWorkflow}/shares", """{"public":true,"permission":"execute"}""")).ReadJsonAsync();
            var archived = await (await owner.PostJsonAsync($"/api/v1/workflows/{archivedWorkflow}/shares", """{"public":true,"permission":"execute"}""")).ReadJsonAsync();
            var expiring = await (await owner.PostJsonAsync($"/api/v1/workflows/{revokedWorkflow}/shares", """{"public":true,"permission":"view","expiresAt":"2999-01-01T00:00:00Z"}""")).ReadJsonAsync();
            await owner.DeleteAsync($"/api/v1/workflows/{revokedWorkflow}/shares/{revoked.GetProperty("id").GetGuid()}");
            await owner.DeleteAsync($"/api/v1/workflows/{archivedWorkflow}");

            // Expired without waiting: its expiry is moved into the past directly.
            await factory.ExecuteAsync("UPDATE workflow_shares SET expires_at = @past WHERE id = @id", new { past = DateTimeOffset.UtcNow.AddDays(-1), id = expiring.GetProperty("id").GetGuid() });

            var revokedToken = revoked.GetProperty("token").GetString()!;
            var wrong = revokedToken[..^4] + (revokedToken.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
            foreach (var token in new[] { revokedToken, archived.GetProperty("token").GetString()!, expiring.GetProperty("token").GetString()!, wrong, "tfs_nothing", new string('x', 500) })
            {
                using var view = await anonymous.GetAsync($"/api/v1/shared/{token}");
                using var run = await anonymous.PostJsonAsync($"/api/v1/shared/{token}/execute", "{}");
                await view.AssertProblemAsync(HttpStatusCode.NotFound);
                await run.AssertProblemAsync(HttpStatusCode.NotFound);
            }

            Assert.Equal(0, await factory.CountAsync(
                "SELECT coalesce(sum(access_count), 0) FROM workflow_shares WHERE workflow_id IN (@a, @b)", new { a = revokedWorkflow, b = archivedWorkflow }));
            Assert.Equal(0, await factory.CountAsync(
                "SELECT count(*) FROM workflow_executions WHERE workflow_id IN (@a, @b)", new { a = revokedWorkflow, b = archivedWorkflow }));
        }
    }

    [StoreFact]
    public async Task AShareNeverLeaksAnotherObject()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        var (granteeId, grantee) = await factory.CreateMemberAsync();
        using (owner)
        using (grantee)
        {
            var a = await owner.CreateWorkflowAsync("A");
            var b = await owner.CreateWorkflowAsync("B");
            using var shareOfB = await owner.PostJsonAsync($"/api/v1/workflows/{b}/shares", $$"""{"userId":"{{granteeId}}","permission":"admin"}""");
            var shareId = (await shareOfB.ReadJsonAsync()).GetProperty("id").GetGuid();

            using var revokeThroughA = await owner.DeleteAsync($"/api/v1/workflows/{a}/shares/{shareId}");
            using var listA = await owner.GetAsync($"/api/v1/workflows/{a}/shares");
            using var granteeSeesA = await grantee.GetAsync($"/api/v1/workflows/{a}");
            using var granteeSharesA = await grantee.PostJsonAsync($"/api/v1/workflows/{a}/shares", """{"public":true,"permission":"view"}""");

            await revokeThroughA.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(0, (await listA.ReadJsonAsync()).GetProperty("items").GetArrayLength());
            await granteeSeesA.AssertProblemAsync(HttpStatusCode.NotFound);
            await granteeSharesA.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(1, await factory.CountAsync("SELECT count(*) FROM workflow_shares WHERE id = @id AND revoked_at IS NULL", new { id = shareId }));
        }
    }

    [StoreFact]
    public async Task HundredConcurrentUses_CountHundred()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        using (owner)
        {
            var workflowId = await owner.CreateWorkflowAsync("Popular");
            var link = await (await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{"public":true,"permission":"view"}""")).ReadJsonAsync();
            var token = link.GetProperty("token").GetString()!;

            var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
            {
                using var client = factory.CreateClient();
                using var response = await client.GetAsync($"/api/v1/shared/{token}");
                return response.StatusCode;
            }));

            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
            Assert.Equal(100, await factory.CountAsync("SELECT access_count FROM workflow_shares WHERE id = @id", new { id = link.GetProperty("id").GetGuid() }));
        }
    }

    [StoreFact]
    public async Task BadInput_AnswersProblemDetails_AndWritesNothing()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        var (_, stranger) = await factory.CreateMemberAsync();
        using var anonymous = factory.CreateClient();
        using (owner)
        using (stranger)
        {
            var workflowId = await owner.CreateWorkflowAsync("Guarded");
            var path = $"/api/v1/workflows/{workflowId}/shares";
            var shares = await factory.CountAsync("SELECT count(*) FROM workflow_shares");

            using var malformed = await owner.PostJsonAsync(path, "{\"permission\":");
            using var wrongType = await owner.PostAsync(Uri(path), new StringContent("""{"public":true,"permission":"view"}""", Encoding.UTF8, "text/plain"));
            using var oversized = await owner.PostJsonAsync(path, $$"""{"public":true,"permission":"view","email":"{{new string('a', 5000)}}@x.org"}""");
            using var both = await owner.PostJsonAsync(path, $$"""{"public":true,"userId":"{{Guid.NewGuid()}}","permission":"view"}""");
            using var adminLink = await owner.PostJsonAsync(path, """{"public":true,"permission":"admin"}""");
            using var badPermission = await owner.PostJsonAsync(path, """{"public":true,"permission":"owner"}""");
            using var past = await owner.PostJsonAsync(path, """{"public":true,"permission":"view","expiresAt":"2001-01-01T00:00:00Z"}""");
            using var nobody = await owner.PostJsonAsync(path, $$"""{"userId":"{{Guid.NewGuid()}}","permission":"view"}""");
            using var badEmail = await owner.PostJsonAsync(path, """{"email":"not-an-email","permission":"view"}""");
            using var unauthorised = await anonymous.PostJsonAsync(path, """{"public":true,"permission":"view"}""");
            using var foreign = await stranger.PostJsonAsync(path, """{"public":true,"permission":"view"}""");
            using var foreignList = await stranger.GetAsync(path);
            using var foreignRevoke = await stranger.DeleteAsync($"{path}/{Guid.NewGuid()}");
            using var missingShare = await owner.DeleteAsync($"{path}/{Guid.NewGuid()}");
            using var linkBody = await anonymous.PostAsync(Uri("/api/v1/shared/tfs_x/execute"), new StringContent("{}", Encoding.UTF8, "text/plain"));

            await malformed.AssertProblemAsync(HttpStatusCode.BadRequest);
            await wrongType.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
            await oversized.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
            await both.AssertProblemAsync(HttpStatusCode.BadRequest, "");
            await adminLink.AssertProblemAsync(HttpStatusCode.BadRequest, "/permission");
            await badPermission.AssertProblemAsync(HttpStatusCode.BadRequest, "/permission");
            await past.AssertProblemAsync(HttpStatusCode.BadRequest, "/expiresAt");
            await nobody.AssertProblemAsync(HttpStatusCode.BadRequest, "/userId");
            await badEmail.AssertProblemAsync(HttpStatusCode.BadRequest, "/email");
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
            await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
            await foreignList.AssertProblemAsync(HttpStatusCode.NotFound);
            await foreignRevoke.AssertProblemAsync(HttpStatusCode.NotFound);
            await missingShare.AssertProblemAsync(HttpStatusCode.NotFound);
            await linkBody.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
            Assert.Equal(shares, await factory.CountAsync("SELECT count(*) FROM workflow_shares"));
        }
    }
}

public sealed class SqliteShareEndpointTests(ToolflowFactory factory) : ShareEndpointSuite(factory), IClassFixture<ToolflowFactory>;

public sealed class PostgresShareEndpointTests(PostgresToolflowFactory factory) : ShareEndpointSuite(factory), IClassFixture<PostgresToolflowFactory>;
