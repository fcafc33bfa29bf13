using System.Net;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Api;

/// <summary>Tools, tool instances, credentials, users and API keys.</summary>
public sealed class ResourceEndpointTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public async Task Tools_ListTheRegistry_AndOneByName()
    {
        using var client = factory.AdminClient();

        using var list = await client.GetAsync("/api/v1/tools");
        using var one = await client.GetAsync("/api/v1/tools/http.request");
        using var missing = await client.GetAsync("/api/v1/tools/no.such");

        Assert.Contains((await list.ReadJsonAsync()).GetProperty("items").EnumerateArray(), t => t.GetProperty("name").GetString() == "flow.condition");
        Assert.True((await one.ReadJsonAsync()).GetProperty("configSchema").ValueKind == System.Text.Json.JsonValueKind.Object);
        await missing.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Credentials_SecretIsWriteOnly_AndOthersSee404()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        var (_, other) = await factory.CreateMemberAsync();
        using (owner)
        using (other)
        {
            const string Secret = "s3cr3t-Value-never-returned";
            using var created = await owner.PostJsonAsync("/api/v1/credentials", $$$"""{"name":"smtp-main","type":"smtp","data":{"password":"{{{Secret}}}"}}""");
            var createdText = await created.Content.ReadAsStringAsync();
            var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
            using var list = await owner.GetAsync("/api/v1/credentials");
            using var get = await owner.GetAsync($"/api/v1/credentials/{id}");
            using var update = await owner.PutAsync(Uri($"/api/v1/credentials/{id}"), JsonText($$$"""{"data":{"password":"{{{Secret}}}2"}}"""));
            using var foreign = await other.GetAsync($"/api/v1/credentials/{id}");
            using var foreignDelete = await other.DeleteAsync($"/api/v1/credentials/{id}");
            using var duplicate = await owner.PostJsonAsync("/api/v1/credentials", """{"name":"smtp-main","type":"smtp","data":{"password":"x"}}""");
            using var invalid = await owner.PostJsonAsync("/api/v1/credentials", """{"name":"","type":"Not A Type","data":{}}""");

            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            foreach (var text in new[] { createdText, await list.Content.ReadAsStringAsync(), await get.Content.ReadAsStringAsync(), await update.Content.ReadAsStringAsync() })
            {
                Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
                Assert.DoesNotContain("\"data\"", text, StringComparison.Ordinal);
            }

            await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
            await foreignDelete.AssertProblemAsync(HttpStatusCode.NotFound);
            await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
            await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "/name", "/type", "/data");
            using var deleted = await owner.DeleteAsync($"/api/v1/credentials/{id}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }
    }

    [Fact]
    public async Task ToolInstances_Crud_UnknownToolIs400_AndOthersSee404()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        var (_, other) = await factory.CreateMemberAsync();
        using (owner)
        using (other)
        {
            using var created = await owner.PostJsonAsync("/api/v1/tool-instances", """{"tool":"llm.chat","name":"local llama","config":{"model":"llama3"}}""");
            var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
            using var updated = await owner.PutAsync(Uri($"/api/v1/tool-instances/{id}"), JsonText("""{"tool":"llm.chat","name":"renamed","config":{}}"""));
            using var list = await owner.GetAsync("/api/v1/tool-instances");
            using var unknown = await owner.PostJsonAsync("/api/v1/tool-instances", """{"tool":"no.such","name":"x"}""");
            using var foreign = await other.GetAsync($"/api/v1/tool-instances/{id}");
            using var foreignPut = await other.PutAsync(Uri($"/api/v1/tool-instances/{id}"), JsonText("""{"tool":"llm.chat","name":"stolen"}"""));
            using var deleted = await owner.DeleteAsync($"/api/v1/tool-instances/{id}");
            using var gone = await owner.GetAsync($"/api/v1/tool-instances/{id}");

            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("renamed", (await updated.ReadJsonAsync()).GetProperty("name").GetString());
            Assert.Single((await list.ReadJsonAsync()).GetProperty("items").EnumerateArray());
            await unknown.AssertProblemAsync(HttpStatusCode.BadRequest, "/tool");
            await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
            await foreignPut.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            await gone.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    /// <summary>
    /// An instance's config is checked against its tool's config schema when it is saved, for what it holds
    /// (required fields may come from the node that uses it); a bad one used to fail only at run time.
    /// </summary>
    [Fact]
    public async Task ToolInstances_ConfigOfTheWrongShape_Is400_AndNothingIsWritten()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        using (owner)
        {
            using var badType = await owner.PostJsonAsync("/api/v1/tool-instances", """{"tool":"http.request","name":"api","config":{"method":5,"url":"https://example.org"}}""");
            using var unknownField = await owner.PostJsonAsync("/api/v1/tool-instances", """{"tool":"http.request","name":"api","config":{"urll":"https://example.org"}}""");
            using var partial = await owner.PostJsonAsync("/api/v1/tool-instances", """{"tool":"http.request","name":"api","config":{"method":"POST","headers":{"x-team":"ops"}}}""");
            var id = (await partial.ReadJsonAsync()).GetProperty("id").GetGuid();
            using var badUpdate = await owner.PutAsync(Uri($"/api/v1/tool-instances/{id}"), JsonText("""{"tool":"http.request","name":"api","config":{"timeoutMs":"soon"}}"""));
            using var after = await owner.GetAsync($"/api/v1/tool-instances/{id}");
            using var list = await owner.GetAsync("/api/v1/tool-instances");

            await badType.AssertProblemAsync(HttpStatusCode.BadRequest, "/config/method");
            await unknownField.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(HttpStatusCode.Created, partial.StatusCode);
            await badUpdate.AssertProblemAsync(HttpStatusCode.BadRequest, "/config/timeoutMs");
            Assert.Equal("POST", (await after.ReadJsonAsync()).GetProperty("config").GetProperty("method").GetString());
            Assert.Single((await list.ReadJsonAsync()).GetProperty("items").EnumerateArray());
        }
    }

    [Fact]
    public async Task Users_AreAdminOnly_AndANewUsersKeyWorks()
    {
        using var admin = factory.AdminClient();
        var email = $"new-{Guid.NewGuid():N}@example.org";

        using var created = await admin.PostJsonAsync("/api/v1/users", $$"""{"email":"{{email}}","displayName":"New","role":"member"}""");
        var body = await created.ReadJsonAsync();
        using var duplicate = await admin.PostJsonAsync("/api/v1/users", $$"""{"email":"{{email.ToUpperInvariant()}}","displayName":"Again","role":"member"}""");
        using var invalid = await admin.PostJsonAsync("/api/v1/users", """{"email":"nope","displayName":"","role":"king"}""");
        using var member = factory.ClientWithKey(body.GetProperty("key").GetString()!);
        using var memberList = await member.GetAsync("/api/v1/users");
        using var badLimit = await admin.GetAsync("/api/v1/users?limit=abc");
        using var memberCreate = await member.PostJsonAsync("/api/v1/users", """{"email":"x@example.org","displayName":"X","role":"admin"}""");
        using var fetched = await admin.GetAsync($"/api/v1/users/{body.GetProperty("id").GetGuid()}");
        using var deleted = await admin.DeleteAsync($"/api/v1/users/{body.GetProperty("id").GetGuid()}");
        using var afterDelete = await member.GetAsync("/api/v1/tools");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.StartsWith(body.GetProperty("prefix").GetString()!, body.GetProperty("key").GetString()!, StringComparison.Ordinal);
        await duplicate.AssertProblemAsync(HttpStatusCode.Conflict);
        await invalid.AssertProblemAsync(HttpStatusCode.BadRequest);
        await memberList.AssertProblemAsync(HttpStatusCode.Forbidden);
        await badLimit.AssertProblemAsync(HttpStatusCode.BadRequest, "/limit");
        await memberCreate.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(email, (await fetched.ReadJsonAsync()).GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await afterDelete.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ApiKeys_ShownOnce_ListedByPrefix_MembersCannotMintForOthers()
    {
        var (memberId, member) = await factory.CreateMemberAsync();
        var (otherId, other) = await factory.CreateMemberAsync();
        using (member)
        using (other)
        {
            using var created = await member.PostJsonAsync("/api/v1/api-keys", """{"name":"ci"}""");
            var key = await created.ReadJsonAsync();
            using var list = await member.GetAsync("/api/v1/api-keys");
            var listText = await list.Content.ReadAsStringAsync();
            using var forOther = await member.PostJsonAsync("/api/v1/api-keys", $$"""{"name":"sneaky","userId":"{{otherId}}"}""");
            using var invalid = await member.PostJsonAsync("/api/v1/api-keys", """{"name":""}""");
            using var revokeForeign = await other.DeleteAsync($"/api/v1/api-keys/{key.GetProperty("id").GetGuid()}");
            using var admin = factory.AdminClient();
            using var adminFor = await admin.PostJsonAsync("/api/v1/api-keys", $$"""{"name":"issued","userId":"{{memberId}}"}""");
            using var listForOther = await other.GetAsync($"/api/v1/api-keys?userId={memberId}");
            using var ownById = await member.GetAsync($"/api/v1/api-keys?userId={memberId}");
            using var adminList = await admin.GetAsync($"/api/v1/api-keys?userId={memberId}");

            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            await listForOther.AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.OK, ownById.StatusCode);
            Assert.Contains(key.GetProperty("prefix").GetString()!, await adminList.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Contains(key.GetProperty("prefix").GetString()!, listText, StringComparison.Ordinal);
            Assert.DoesNotContain(key.GetProperty("key").GetString()!, listText, StringComparison.Ordinal);
            await forOther.AssertProblemAsync(HttpStatusCode.Forbidden);
            await invalid.AssertProblemAsync(HttpStatusCode.BadRequest, "/name");
            await revokeForeign.AssertProblemAsync(HttpStatusCode.NotFound);
            Assert.Equal(HttpStatusCode.Created, adminFor.StatusCode);
        }
    }

    [Fact]
    public async Task Changes_AreAudited_WithWhoAndFromWhere()
    {
        using var admin = factory.AdminClient();
        var id = await admin.CreateWorkflowAsync("Audited");

        var entries = await factory.Repositories.Audit.ListByObjectAsync("workflow", id.ToString());

        var entry = Assert.Single(entries.Items);
        Assert.Equal("workflow.create", entry.Action);
        Assert.Equal("admin@localhost", entry.ActorLabel);
        Assert.NotNull(entry.ActorUserId);
    }
}
