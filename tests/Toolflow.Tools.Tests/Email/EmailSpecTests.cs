using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Email;

namespace Toolflow.Tools.Tests.Email;

/// <summary>Malformed, oversized and hostile email.send configs and smtp credentials.</summary>
public sealed class EmailSpecTests
{
    [Theory]
    [InlineData("{}", "to is required")]
    [InlineData("{\"to\":\"not an address\"}", "to holds an address")]
    [InlineData("{\"to\":\"me@\"}", "to holds an address")]
    [InlineData("{\"to\":\"@example.org\"}", "to holds an address")]
    [InlineData("{\"to\":\"me@example.org\\r\\nBcc: spy@evil.example\"}", "to holds an empty or multi-line address")]
    [InlineData("{\"to\":\"team: a@example.org, b@example.org;\"}", "to holds an address")]
    [InlineData("{\"to\":[\"a@example.org\", 3]}", "to[1] must be a string")]
    [InlineData("{\"to\":{\"a\":1}}", "to must be an address")]
    [InlineData("{\"to\":\"a@example.org\",\"cc\":\"bad\"}", "cc holds an address")]
    [InlineData("{\"to\":\"a@example.org\",\"subject\":\"hi\\r\\nBcc: spy@evil.example\"}", "subject must be a single line")]
    [InlineData("{\"to\":\"a@example.org\",\"subject\":7}", "subject must be a string")]
    [InlineData("{\"to\":\"a@example.org\",\"headers\":{\"Bcc\":\"spy@evil.example\"}}", "headers.Bcc is set by the tool")]
    [InlineData("{\"to\":\"a@example.org\",\"headers\":{\"X-A\":\"v\\r\\nBcc: spy@evil.example\"}}", "headers.X-A must be a single line")]
    [InlineData("{\"to\":\"a@example.org\",\"headers\":{\"Bad Name\":\"v\"}}", "not a valid header field name")]
    [InlineData("{\"to\":\"a@example.org\",\"headers\":[1]}", "headers must be an object")]
    [InlineData("{\"to\":\"a@example.org\",\"html\":true,\"bodyType\":\"text\"}", "disagree")]
    [InlineData("{\"to\":\"a@example.org\",\"bodyType\":\"pdf\"}", "bodyType must be text or html")]
    [InlineData("{\"to\":\"a@example.org\",\"from\":\"a@example.org, b@example.org\"}", "from must be a single address")]
    [InlineData("{\"to\":\"a@example.org\",\"timeoutMs\":0}", "timeoutMs must be between")]
    public void From_BadConfig_IsANonRetryableConfigFailure(string json, string mentioned)
    {
        var failure = Assert.Throws<ToolFailureException>(() => EmailSpec.From(JsonNode.Parse(json)!.AsObject()));

        Assert.Equal("invalid_config", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Contains(mentioned, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void From_OversizedInput_IsRefused()
    {
        var many = new JsonArray([.. Enumerable.Range(0, 101).Select(i => (JsonNode)$"u{i}@example.org")]);
        var hugeBody = new string('x', EmailSpec.MaxBodyChars + 1);

        var tooMany = Assert.Throws<ToolFailureException>(() => EmailSpec.From(new JsonObject { ["to"] = many }));
        var tooBig = Assert.Throws<ToolFailureException>(() => EmailSpec.From(new JsonObject { ["to"] = "a@example.org", ["body"] = hugeBody }));
        var longSubject = Assert.Throws<ToolFailureException>(() => EmailSpec.From(new JsonObject { ["to"] = "a@example.org", ["subject"] = new string('s', 999) }));

        Assert.Contains("more than 100", tooMany.Message, StringComparison.Ordinal);
        Assert.Contains("body is longer", tooBig.Message, StringComparison.Ordinal);
        Assert.Contains("subject is longer", longSubject.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"port\":25}", "host is required")]
    [InlineData("{\"host\":\"bad host name!\"}", "host is not")]
    [InlineData("{\"host\":\"mail.example.org\",\"port\":70000}", "port must be between")]
    [InlineData("{\"host\":\"mail.example.org\",\"port\":\"25\"}", "port must be an integer")]
    [InlineData("{\"host\":\"mail.example.org\",\"security\":\"maybe\"}", "security must be")]
    [InlineData("{\"host\":\"mail.example.org\",\"password\":\"hunter2-secret\"}", "username is missing")]
    public void SmtpSecret_BadFields_AreCredentialFailures_WithoutValues(string json, string mentioned)
    {
        var failure = Assert.Throws<ToolFailureException>(() => SmtpSecret.Parse(JsonNode.Parse(json)!.AsObject()));

        Assert.Equal("invalid_credential", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Contains(mentioned, failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SmtpSecret_DefaultsAndRedaction()
    {
        var tls = SmtpSecret.Parse(new JsonObject { ["host"] = "mail.example.org", ["security"] = "tls", ["username"] = "u", ["password"] = "hunter2-secret" });
        var plain = SmtpSecret.Parse(new JsonObject { ["host"] = "mail.example.org" });

        Assert.Equal(465, tls.Port);
        Assert.Equal(SmtpSecurity.StartTls, plain.Security);
        Assert.Equal(587, plain.Port);
        Assert.DoesNotContain("hunter2-secret", tls.ToString(), StringComparison.Ordinal);
        Assert.Contains("Password = ***", tls.ToString(), StringComparison.Ordinal);
    }
}
