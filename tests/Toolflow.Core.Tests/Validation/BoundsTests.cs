using System.Text.Json.Nodes;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

/// <summary>retry, timeoutMs, concurrency and onError: each bound with a value just inside and just outside.</summary>
public sealed class BoundsTests
{
    private static JsonObject WithFetch(string property, JsonNode? value)
    {
        var definition = Base();
        NodeAt(definition, 0)[property] = value;
        return definition;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    public void MaxAttempts_WithinOneToTen_IsValid(int attempts) =>
        AssertValid(Node(WithFetch("retry", new JsonObject { ["maxAttempts"] = attempts })));

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public void MaxAttempts_OutsideOneToTen_IsReported(int attempts) =>
        AssertProblem(Node(WithFetch("retry", new JsonObject { ["maxAttempts"] = attempts })), "/nodes/0/retry/maxAttempts", "must be between 1 and 10");

    [Fact]
    public void RetryDelays_AtTheirBounds_AreValid() =>
        AssertValid(Node(WithFetch("retry", new JsonObject { ["initialDelayMs"] = 0, ["maxDelayMs"] = 3_600_000, ["backoff"] = "exponential" })));

    [Fact]
    public void NegativeInitialDelay_IsReported() =>
        AssertProblem(Node(WithFetch("retry", new JsonObject { ["initialDelayMs"] = -1 })), "/nodes/0/retry/initialDelayMs", "between 0 and 3600000");

    [Fact]
    public void MaxDelayOverOneHour_IsReported() =>
        AssertProblem(Node(WithFetch("retry", new JsonObject { ["maxDelayMs"] = 3_600_001 })), "/nodes/0/retry/maxDelayMs", "between 0 and 3600000");

    [Fact]
    public void MaxDelayBelowInitialDelay_IsReported() =>
        AssertProblem(Node(WithFetch("retry", new JsonObject { ["initialDelayMs"] = 5000, ["maxDelayMs"] = 100 })), "/nodes/0/retry/maxDelayMs", "not be less than initialDelayMs");

    [Fact]
    public void UnknownRetryProperty_IsReported() =>
        AssertProblem(Node(WithFetch("retry", new JsonObject { ["jitter"] = true })), "/nodes/0/retry/jitter", "unknown property");

    [Theory]
    [InlineData(1)]
    [InlineData(86_400_000)]
    public void TimeoutMs_WithinBounds_IsValid(int timeout) => AssertValid(Node(WithFetch("timeoutMs", timeout)));

    [Theory]
    [InlineData(0)]
    [InlineData(86_400_001)]
    public void TimeoutMs_OutsideBounds_IsReported(int timeout) =>
        AssertProblem(Node(WithFetch("timeoutMs", timeout)), "/nodes/0/timeoutMs", "must be between 1 and 86400000");

    [Fact]
    public void TimeoutMs_AsAFraction_IsReported() =>
        AssertProblem(Node(WithFetch("timeoutMs", 1.5)), "/nodes/0/timeoutMs", "must be an integer");

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Concurrency_WithinOneToHundred_IsValid(int concurrency) => AssertValid(Node(WithFetch("concurrency", concurrency)));

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void Concurrency_OutsideOneToHundred_IsReported(int concurrency) =>
        AssertProblem(Node(WithFetch("concurrency", concurrency)), "/nodes/0/concurrency", "must be between 1 and 100");

    [Theory]
    [InlineData("fail")]
    [InlineData("continue")]
    [InlineData("branch")]
    public void OnError_KnownValues_AreValid(string mode) => AssertValid(Node(WithFetch("onError", mode)));

    [Fact]
    public void OnError_UnknownValue_IsReported() =>
        AssertProblem(Node(WithFetch("onError", "retry")), "/nodes/0/onError", "must be one of 'fail', 'continue', 'branch'");
}
