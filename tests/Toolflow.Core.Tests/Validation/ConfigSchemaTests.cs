using System.Text.Json.Nodes;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

public sealed class ConfigSchemaTests
{
    private static JsonObject WithFetchConfig(string config)
    {
        var definition = Base();
        NodeAt(definition, 0)["config"] = JsonNode.Parse(config);
        return definition;
    }

    [Fact]
    public void ConfigMatchingTheSchema_IsValid() =>
        AssertValid(Node(WithFetchConfig("""{ "method": "POST", "url": "https://example.org/x", "headers": { "A": "b" }, "timeoutMs": 500 }""")));

    [Fact]
    public void BadEnumValue_PointsIntoTheConfig_AndListsTheAllowedValues() =>
        AssertProblem(Node(WithFetchConfig("""{ "method": "FETCH", "url": "https://example.org" }""")),
            "/nodes/0/config/method", "must be one of \"GET\", \"POST\"");

    [Fact]
    public void WrongType_PointsIntoTheConfig() =>
        AssertProblem(Node(WithFetchConfig("""{ "url": "https://example.org", "timeoutMs": "fast" }""")),
            "/nodes/0/config/timeoutMs", "must be an integer, not the string 'fast'");

    [Fact]
    public void MissingRequiredConfigProperty_IsReportedAtTheConfig() =>
        AssertProblem(Node(WithFetchConfig("""{ "method": "GET" }""")), "/nodes/0/config", "missing required property 'url'");

    [Fact]
    public void MissingConfig_IsCheckedAsAnEmptyConfig()
    {
        var definition = Base();
        NodeAt(definition, 0).Remove("config");
        AssertProblem(Node(definition), "/nodes/0/config", "missing required property 'url'");
    }

    [Fact]
    public void UnknownConfigProperty_IsReported_WithASuggestion() =>
        AssertProblem(Node(WithFetchConfig("""{ "url": "https://example.org", "heders": {} }""")),
            "/nodes/0/config/heders", "unknown property 'heders' (did you mean 'headers'?)");

    [Fact]
    public void NestedConfigError_PointsToTheNestedValue() =>
        AssertProblem(Node(WithFetchConfig("""{ "url": "https://example.org", "headers": { "X-Count": [3] } }""")),
            "/nodes/0/config/headers/X-Count", "must be a string or a number or a boolean or null, not an array");

    [Fact]
    public void OutOfRangeNumber_IsReported() =>
        AssertProblem(Node(WithFetchConfig("""{ "url": "https://example.org", "timeoutMs": 0 }""")),
            "/nodes/0/config/timeoutMs", "");

    [Fact]
    public void ExpressionString_IsAccepted_WhereANumberIsExpected() =>
        AssertValid(Node(WithFetchConfig("""{ "url": "https://example.org", "timeoutMs": "{{ input.timeout }}" }""")));

    [Fact]
    public void ExpressionString_IsAccepted_WhereAnEnumOrObjectIsExpected() =>
        AssertValid(Node(WithFetchConfig("""{ "method": "{{ input.method }}", "url": "{{ input.url }}", "headers": "{{ input.headers }}" }""")));

    [Fact]
    public void PlainString_WhereANumberIsExpected_IsStillAnError() =>
        AssertProblem(Node(WithFetchConfig("""{ "url": "https://example.org", "timeoutMs": "input.timeout" }""")),
            "/nodes/0/config/timeoutMs", "must be an integer");

    [Fact]
    public void UnknownConfigProperty_HoldingAnExpression_IsStillUnknown() =>
        AssertProblem(Node(WithFetchConfig("""{ "url": "https://example.org", "extra": "{{ 1 }}" }""")),
            "/nodes/0/config/extra", "unknown property 'extra'");

    [Fact]
    public void UrlThatIsNotHttp_IsReported() =>
        AssertProblem(Node(WithFetchConfig("""{ "url": "file:///etc/passwd" }""")), "/nodes/0/config/url", "http:// or https://");

    [Fact]
    public void Delay_WithNeitherDurationNorUntil_SaysWhichAreNeeded() =>
        AssertProblem(FromJson("""{ "name": "d", "nodes": [ { "id": "wait", "tool": "flow.delay", "config": {} } ] }"""),
            "/nodes/0/config", "needs either 'durationMs' or 'until'");

    [Fact]
    public void Delay_WithBothDurationAndUntil_IsReportedAtTheSecond() =>
        AssertProblem(FromJson("""{ "name": "d", "nodes": [ { "id": "wait", "tool": "flow.delay", "config": { "durationMs": 5, "until": "2030-01-01T00:00:00Z" } } ] }"""),
            "/nodes/0/config/until", "cannot be used together with 'durationMs'");

    [Fact]
    public void Delay_UntilThatIsNotATime_IsReported() =>
        AssertProblem(FromJson("""{ "name": "d", "nodes": [ { "id": "wait", "tool": "flow.delay", "config": { "until": "tomorrow" } } ] }"""),
            "/nodes/0/config/until", "date-time");

    [Fact]
    public void Email_WithAnInvalidAddress_IsReported() =>
        AssertProblem(FromJson("""{ "name": "m", "nodes": [ { "id": "m", "tool": "email.send", "config": { "to": ["not-an-address"], "subject": "s", "body": "b" } } ] }"""),
            "/nodes/0/config/to/0", "e-mail address");

    // http.request sends any scalar as a header or query value (docs/tools.md: "object of scalar values").
    [Fact]
    public void Http_ScalarHeaderAndQueryValues_AreValid() =>
        AssertValid(Node(WithFetchConfig("""{ "url": "https://example.org/x", "headers": { "X-Count": 5, "X-On": true, "X-None": null }, "query": { "page": 2, "q": null } }""")));

    // What email.send accepts at run time (docs/tools.md) must pass validation: display names,
    // comma-separated lists, arrays of either, several reply-to addresses.
    [Theory]
    [InlineData("\"to\": \"Ada Lovelace <ada@example.org>\"")]
    [InlineData("\"to\": \"ada@example.org, bob@example.org\"")]
    [InlineData("\"to\": [\"Ada <ada@example.org>\", \"bob@example.org\"], \"cc\": \"Carol <c@example.org>\"")]
    [InlineData("\"to\": \"ada@example.org\", \"from\": \"Toolflow <noreply@example.org>\", \"replyTo\": [\"a@example.org\", \"b@example.org\"]")]
    public void Email_AddressesTheSenderAccepts_AreValid(string fields) =>
        AssertValid(FromJson($$"""{ "name": "m", "nodes": [ { "id": "m", "tool": "email.send", "config": { {{fields}}, "subject": "s", "body": "b" } } ] }"""));

    [Theory]
    [InlineData("\"to\": \"ada@example.org\\r\\nBcc: eve@example.org\"", "/nodes/0/config/to")]
    [InlineData("\"to\": [\"ada@example.org\", \"\"]", "/nodes/0/config/to/1")]
    [InlineData("\"to\": \"ada@example.org\", \"from\": \"nobody\"", "/nodes/0/config/from")]
    public void Email_AddressesThatCannotBe_AreReported(string fields, string pointer) =>
        AssertProblem(FromJson($$"""{ "name": "m", "nodes": [ { "id": "m", "tool": "email.send", "config": { {{fields}}, "subject": "s", "body": "b" } } ] }"""),
            pointer, "e-mail address");

    [Fact]
    public void Email_TimeoutPastWhatTheSenderAllows_IsReported() =>
        AssertProblem(FromJson("""{ "name": "m", "nodes": [ { "id": "m", "tool": "email.send", "config": { "to": "a@example.org", "subject": "s", "body": "b", "timeoutMs": 400000 } } ] }"""),
            "/nodes/0/config/timeoutMs", "300000");

    [Fact]
    public void LlmChat_WithBothPromptAndMessages_IsReported() =>
        AssertProblem(FromJson("""{ "name": "l", "nodes": [ { "id": "l", "tool": "llm.chat", "config": { "prompt": "p", "messages": [ { "role": "user", "content": "c" } ] } } ] }"""),
            "/nodes/0/config/messages", "cannot be used together with 'prompt'");

    [Fact]
    public void Switch_CaseNamedDefault_IsReported() =>
        AssertProblem(FromJson("""{ "name": "s", "nodes": [ { "id": "s", "tool": "flow.switch", "config": { "value": 1, "cases": ["a", "default"] } } ] }"""),
            "/nodes/0/config/cases/1", "other than 'default'");

    [Fact]
    public void ConditionExpression_ThatIsAPlainString_IsReported() =>
        AssertProblem(FromJson("""{ "name": "c", "nodes": [ { "id": "c", "tool": "flow.condition", "config": { "expression": "yes" } } ] }"""),
            "/nodes/0/config/expression", "must be a boolean");

    // The usual slip is forgetting the braces: the message says how to write it.
    [Fact]
    public void ConditionExpression_WithoutBraces_SaysToAddThem() =>
        AssertProblem(FromJson("""{ "name": "c", "nodes": [ { "id": "c", "tool": "flow.condition", "config": { "expression": "input.n > 1" } } ] }"""),
            "/nodes/0/config/expression", "{{ input.n > 1 }}");
}
