using System.Net;
using Toolflow.Server.Tests.Api;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Templates;

public sealed class SharedLinkRateLimitTests(SharedLinkRateLimitTests.LimitedFactory factory) : IClassFixture<SharedLinkRateLimitTests.LimitedFactory>
{
    [Fact]
    public async Task ALinkOverItsLimit_Gets429_OtherLinksDoNot()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        using var anonymous = factory.CreateClient();
        using (owner)
        {
            var workflowId = await owner.CreateWorkflowAsync("Limited");
            var first = (await (await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{"public":true,"permission":"execute"}""")).ReadJsonAsync()).GetProperty("token").GetString();
            var second = (await (await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", """{"public":true,"permission":"view"}""")).ReadJsonAsync()).GetProperty("token").GetString();

            using var view = await anonymous.GetAsync($"/api/v1/shared/{first}");
            using var run = await anonymous.PostJsonAsync($"/api/v1/shared/{first}/execute", """{"input":{"who":"x"}}""");
            using var limited = await anonymous.GetAsync($"/api/v1/shared/{first}");
            using var other = await anonymous.GetAsync($"/api/v1/shared/{second}");

            Assert.Equal(HttpStatusCode.OK, view.StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
            var problem = await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Contains("link", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            using var list = await owner.GetAsync($"/api/v1/workflows/{workflowId}/shares");
            Assert.Contains((await list.ReadJsonAsync()).GetProperty("items").EnumerateArray(), s => s.GetProperty("accessCount").GetInt64() == 2);
        }
    }

    public sealed class LimitedFactory : ToolflowFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Api:RateLimit:SharedLinkPermitsPerMinute"] = "2" };
    }
}
