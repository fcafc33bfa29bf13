using System.Text.Json.Nodes;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Core.Contracts.Generation;
using Toolflow.Core.Contracts.Shares;
using Toolflow.Core.Contracts.Users;
using Toolflow.Core.Definitions;
using static Toolflow.Core.Tests.Contracts.ContractTestKit;

namespace Toolflow.Core.Tests.Contracts;

public sealed class RequestContractTests
{
    [Fact]
    public void CreateUser_Valid_HasNoProblems() =>
        Assert.Empty(new CreateUserRequest("ada@example.org", "Ada", UserRole.Admin).Validate(Clock));

    [Fact]
    public void CreateUser_ReportsEveryMissingOrMalformedField()
    {
        var problems = new CreateUserRequest("ada@", " ", null).Validate(Clock);
        AssertProblem(problems, "/email", "not a valid e-mail address");
        AssertProblem(problems, "/displayName", "must not be blank");
        AssertProblem(problems, "/role", "is required");
        Assert.Equal(3, problems.Count);
    }

    [Theory]
    [InlineData("ada@example.org", true)]
    [InlineData("a.b+tag@sub.example.co", true)]
    [InlineData("Ada <ada@example.org>", false)]
    [InlineData("ada@localhost", false)]
    [InlineData("ada example.org", false)]
    [InlineData(" ada@example.org", false)]
    public void Email_IsOnePlainAddressWithADottedDomain(string email, bool valid) =>
        Assert.Equal(valid, new CreateUserRequest(email, "Ada", UserRole.Member).Validate(Clock).Count == 0);

    [Fact]
    public void CreateApiKey_NameTooLong_IsReported() =>
        AssertProblem(new CreateApiKeyRequest(null, new string('k', 101)).Validate(Clock), "/name", "at most 100 characters");

    [Fact]
    public void CreateApiKey_EmptyUuid_IsReported() =>
        AssertProblem(new CreateApiKeyRequest(Guid.Empty, "ci").Validate(Clock), "/userId", "empty UUID");

    [Fact]
    public void Share_WithAPerson_IsValid() =>
        Assert.Empty(new CreateShareRequest { Email = "bob@example.org", Permission = SharePermission.Edit }.Validate(Clock));

    [Fact]
    public void Share_PublicLink_WithViewAndFutureExpiry_IsValid() =>
        Assert.Empty(new CreateShareRequest { Public = true, Permission = SharePermission.Execute, ExpiresAt = Clock.GetUtcNow().AddDays(7) }.Validate(Clock));

    [Fact]
    public void Share_PublicLink_GrantingEdit_IsReported() =>
        AssertProblem(new CreateShareRequest { Public = true, Permission = SharePermission.Edit }.Validate(Clock), "/permission", "only grant 'view' or 'execute'");

    [Fact]
    public void Share_WithNoGrantee_OrTwo_IsReported()
    {
        AssertProblem(new CreateShareRequest { Permission = SharePermission.View }.Validate(Clock), "", "give one of");
        AssertProblem(new CreateShareRequest { UserId = Guid.NewGuid(), Public = true, Permission = SharePermission.View }.Validate(Clock), "", "give only one of");
    }

    [Fact]
    public void Share_ExpiringInThePast_IsReported() =>
        AssertProblem(new CreateShareRequest { Email = "bob@example.org", Permission = SharePermission.View, ExpiresAt = Clock.GetUtcNow().AddSeconds(-1) }.Validate(Clock),
            "/expiresAt", "must lie in the future");

    [Fact]
    public void Execute_InputMustBeAnObject_AndKeyBounded()
    {
        Assert.Empty(new ExecuteWorkflowRequest(new JsonObject { ["topic"] = "ai" }, "order-42").Validate(Clock));
        var problems = new ExecuteWorkflowRequest(JsonValue.Create(3), new string('k', 201)).Validate(Clock);
        AssertProblem(problems, "/input", "must be a JSON object");
        AssertProblem(problems, "/idempotencyKey", "at most 200");
    }

    [Fact]
    public void Signal_WithMalformedNodeId_IsReported()
    {
        Assert.Empty(new SignalRequest(true, new JsonObject { ["by"] = "ada" }, "approve").Validate(Clock));
        AssertProblem(new SignalRequest(true, null, "9 bad").Validate(Clock), "/nodeId", "is not a node id");
    }

    [Fact]
    public void Generate_RequiresAPrompt_OfBoundedLength()
    {
        Assert.Empty(new GenerateWorkflowRequest("Every morning mail me the news", null).Validate(Clock));
        AssertProblem(new GenerateWorkflowRequest(null, null).Validate(Clock), "/prompt", "is required");
        AssertProblem(new GenerateWorkflowRequest(new string('p', 10_001), null).Validate(Clock), "/prompt", "at most 10000");
    }

    [Fact]
    public void SuggestTools_RequiresNonBlankRequirements()
    {
        Assert.Empty(new SuggestToolsRequest(["send an e-mail"]).Validate(Clock));
        AssertProblem(new SuggestToolsRequest([]).Validate(Clock), "/requirements", "at least one");
        AssertProblem(new SuggestToolsRequest(["ok", " "]).Validate(Clock), "/requirements/1", "must not be blank");
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(0, false)]
    [InlineData(101, false)]
    public void PageLimit_IsOneToHundred(int limit, bool valid) =>
        Assert.Equal(valid, new PageRequest(null, limit).Validate(Clock).Count == 0);

    [Theory]
    [InlineData("0 8 * * 1-5", null)]
    [InlineData("*/10 * * * * *", null)]
    [InlineData("0 8 * *", "has 4 fields")]
    [InlineData("0 99 * * *", "Hours")]
    public void CronCheck_AcceptsFiveOrSixFields(string cron, string? error)
    {
        var problems = new RequestChecks().Cron("/cron", cron).Problems;
        if (error is null)
        {
            Assert.Empty(problems);
        }
        else
        {
            AssertProblem(problems, "/cron", error);
        }
    }

    [Theory]
    [InlineData("Europe/Paris", true)]
    [InlineData("UTC", true)]
    [InlineData("America/Argentina/Buenos_Aires", true)]
    [InlineData("Paris", false)]
    public void TimeZoneCheck_KnowsIanaNames(string zone, bool valid) =>
        Assert.Equal(valid, new RequestChecks().TimeZone("/tz", zone).Ok);

    [Fact]
    public void RequestReader_TurnsSerializerErrorsIntoPointedProblems()
    {
        var badEnum = RequestReader.Read("""{ "email": "a@example.org", "displayName": "A", "role": "boss" }""", ContractsJsonContext.Default.CreateUserRequest, Clock);
        Assert.False(badEnum.IsValid);
        AssertProblem(badEnum.Problems, "/role", "");

        var unknown = RequestReader.Read("""{ "email": "a@example.org", "displayName": "A", "role": "admin", "admin": true }""", ContractsJsonContext.Default.CreateUserRequest, Clock);
        Assert.False(unknown.IsValid);
        Assert.Contains("admin", unknown.Problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestReader_ValidBody_GivesTheTypedRequest()
    {
        var read = RequestReader.Read("""{ "email": "a@example.org", "displayName": "A", "role": "member" }""", ContractsJsonContext.Default.CreateUserRequest, Clock);
        Assert.True(read.IsValid);
        Assert.Equal(UserRole.Member, read.Value!.Role);
    }
}
