using System.Text.Json.Nodes;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

public sealed class TriggerAndInputSchemaTests
{
    private static JsonObject WithTrigger(string trigger)
    {
        var definition = Base();
        definition["trigger"] = JsonNode.Parse(trigger);
        return definition;
    }

    [Theory]
    [InlineData("""{ "type": "manual" }""")]
    [InlineData("""{ "type": "schedule", "cron": "0 8 * * 1-5", "timezone": "Europe/Paris" }""")]
    [InlineData("""{ "type": "schedule", "cron": "*/30 * * * * *" }""")]
    [InlineData("""{ "type": "schedule", "cron": "@daily", "timezone": "UTC" }""")]
    [InlineData("""{ "type": "webhook", "hookId": "h_123", "credential": "hook-secret", "synchronous": true }""")]
    [InlineData("""{ "type": "workflow", "workflowId": "0193a5d2-7c1e-7b3a-9f00-4e2d1c0b5a61", "on": "failed" }""")]
    public void WellFormedTrigger_IsValid(string trigger) => AssertValid(Node(WithTrigger(trigger)));

    [Theory]
    [InlineData("61 * * * *", "Minutes")]
    [InlineData("0 8 * *", "has 4 fields")]
    [InlineData("0 0 8 * * * *", "has 7 fields")]
    [InlineData("0 0 25 * * *", "Hours")]
    public void MalformedCron_IsReportedAtCron(string cron, string text) =>
        AssertProblem(Node(WithTrigger($$"""{ "type": "schedule", "cron": "{{cron}}" }""")), "/trigger/cron", text);

    [Fact]
    public void ScheduleWithoutCron_IsReported() =>
        AssertProblem(Node(WithTrigger("""{ "type": "schedule" }""")), "/trigger", "needs 'cron'");

    [Fact]
    public void UnknownTimeZone_IsReported() =>
        AssertProblem(Node(WithTrigger("""{ "type": "schedule", "cron": "0 8 * * *", "timezone": "Europe/Atlantis" }""")), "/trigger/timezone", "unknown time zone");

    [Fact]
    public void FieldOfAnotherTriggerType_IsReported() =>
        AssertProblem(Node(WithTrigger("""{ "type": "manual", "cron": "0 8 * * *" }""")), "/trigger/cron", "does not apply to a manual trigger");

    [Fact]
    public void WorkflowTrigger_WithoutWorkflowId_IsReported() =>
        AssertProblem(Node(WithTrigger("""{ "type": "workflow" }""")), "/trigger", "needs 'workflowId'");

    [Fact]
    public void WorkflowTrigger_WithBadOn_IsReported() =>
        AssertProblem(Node(WithTrigger("""{ "type": "workflow", "workflowId": "0193a5d2-7c1e-7b3a-9f00-4e2d1c0b5a61", "on": "started" }""")), "/trigger/on", "'completed', 'failed'");

    [Fact]
    public void ValidInputSchema_IsAccepted()
    {
        var definition = Base();
        definition["inputSchema"] = JsonNode.Parse("""{ "type": "object", "properties": { "n": { "type": "integer", "minimum": 1 } }, "required": ["n"] }""");
        AssertValid(Node(definition));
    }

    [Fact]
    public void InputSchema_WithAnUnknownType_IsReportedAtTheKeyword()
    {
        var definition = Base();
        definition["inputSchema"] = JsonNode.Parse("""{ "type": "objekt" }""");
        AssertProblem(Node(definition), "/inputSchema/type", "not a valid JSON Schema");
    }

    [Fact]
    public void InputSchema_WithAWrongKeywordType_IsReportedInsideIt()
    {
        var definition = Base();
        definition["inputSchema"] = JsonNode.Parse("""{ "type": "object", "properties": { "n": { "minimum": "one" } } }""");
        AssertProblem(Node(definition), "/inputSchema/properties/n/minimum", "not a valid JSON Schema");
    }

    [Fact]
    public void InputSchema_WithOneBadKeyword_ReportsOnlyThatOne_NotTheAlternativesThatMatched()
    {
        var definition = Base();
        definition["inputSchema"] = JsonNode.Parse("""{ "type": "object", "properties": { "n": { "type": "int" } } }""");
        var result = Node(definition);
        AssertProblem(result, "/inputSchema/properties/n/type", "not a valid JSON Schema");
        Assert.Single(result.Problems);
    }

    [Fact]
    public void InputSchema_WithUnknownAnnotationKeywords_IsAccepted()
    {
        var definition = Base();
        definition["inputSchema"] = JsonNode.Parse("""{ "type": "object", "x-ui": { "order": 1 }, "properties": { "n": { "type": "integer", "x-label": "N" } } }""");
        AssertValid(Node(definition));
    }

    [Fact]
    public void InputSchema_ThatIsNotAnObject_IsReported()
    {
        var definition = Base();
        definition["inputSchema"] = "string";
        AssertProblem(Node(definition), "/inputSchema", "must be an object");
    }
}
