using System.Net;

namespace Toolflow.Server.Tests.Api;

public sealed class RateLimitTests(RateLimitTests.LimitedFactory factory) : IClassFixture<RateLimitTests.LimitedFactory>
{
    [Fact]
    public async Task AKeyOverItsLimit_Gets429ProblemDetails_OtherKeysDoNot()
    {
        var (_, first) = await factory.CreateMemberAsync();
        var (_, second) = await factory.CreateMemberAsync();
        using (first)
        using (second)
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 4; i++)
            {
                using var response = await first.GetAsync("/api/v1/tools");
                statuses.Add(response.StatusCode);
            }

            using var limited = await first.GetAsync("/api/v1/tools");
            using var other = await second.GetAsync("/api/v1/tools");

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
            await limited.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
    }

    public sealed class LimitedFactory : ToolflowFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Api:RateLimit:PermitsPerMinute"] = "3" };
    }
}
