using Microsoft.Extensions.Time.Testing;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Tests.Contracts;

internal static class ContractTestKit
{
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero));

    public static void AssertProblem(IReadOnlyList<ValidationProblem> problems, string pointer, string text) =>
        Assert.True(
            problems.Any(p => p.Pointer == pointer && p.Message.Contains(text, StringComparison.Ordinal)),
            $"no problem at '{pointer}' containing '{text}'; got:\n" + string.Join("\n", problems));
}
