using System.Net;

namespace Toolflow.Server.Tests.Api;

/// <summary>GET /audit-log: administrators read who did what; members are refused; bad filters are 400.</summary>
public sealed class AuditLogEndpointTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public async Task AnAdmin_ReadsTheLog_NewestFirst_ByObject_AndByActor()
    {
        using var admin = factory.AdminClient();
        var (memberId, member) = await factory.CreateMemberAsync();
        using (member)
        {
            var workflow = await member.CreateWorkflowAsync();
            var execution = await member.ExecuteAsync(workflow);

            using var byObject = await admin.GetAsync($"/api/v1/audit-log?objectType=execution&objectId={execution}");
            using var byActor = await admin.GetAsync($"/api/v1/audit-log?actorId={memberId}&limit=1");
            using var all = await admin.GetAsync("/api/v1/audit-log?limit=5");

            var entry = Assert.Single((await byObject.ReadJsonAsync()).GetProperty("items").EnumerateArray());
            Assert.Equal("workflow.execute", entry.GetProperty("action").GetString());
            Assert.Equal(memberId, entry.GetProperty("actorUserId").GetGuid());
            Assert.Equal(workflow.ToString(), entry.GetProperty("details").GetProperty("workflowId").GetString());
            var actorPage = await byActor.ReadJsonAsync();
            Assert.Equal("workflow.execute", Assert.Single(actorPage.GetProperty("items").EnumerateArray()).GetProperty("action").GetString());
            Assert.NotNull(actorPage.GetProperty("nextCursor").GetString());
            var times = (await all.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.GetProperty("occurredAt").GetDateTimeOffset()).ToList();
            Assert.Equal(times.OrderDescending(), times);
        }
    }

    [Fact]
    public async Task AMember_IsRefused_AndAnonymousIs401()
    {
        var (_, member) = await factory.CreateMemberAsync();
        using (member)
        using (var anonymous = factory.CreateClient())
        {
            using var asMember = await member.GetAsync("/api/v1/audit-log");
            using var asNobody = await anonymous.GetAsync("/api/v1/audit-log");

            await asMember.AssertProblemAsync(HttpStatusCode.Forbidden);
            Assert.Equal(HttpStatusCode.Unauthorized, asNobody.StatusCode);
        }
    }

    [Theory]
    [InlineData("actorId=me", "/actorId")]
    [InlineData("objectType=workflow", "/objectId")]
    [InlineData("objectId=abc", "/objectType")]
    [InlineData("limit=0", "/limit")]
    [InlineData("actorId=00000000-0000-0000-0000-000000000001&objectType=workflow&objectId=x", "/actorId")]
    public async Task BadFilters_Are400_NamingTheParameter(string query, string pointer)
    {
        using var admin = factory.AdminClient();

        using var response = await admin.GetAsync($"/api/v1/audit-log?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, pointer);
    }
}
