using FsCheck;
using FsCheck.Xunit;
using Toolflow.Core.Contracts;
using Toolflow.Core.Contracts.Common;
using static Toolflow.Core.Tests.Contracts.ContractTestKit;

namespace Toolflow.Core.Tests.Contracts;

/// <summary>Any body, however broken, becomes problems, never an exception.</summary>
public sealed class ReaderRobustnessProperties
{
    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "\"email\"", "\"role\"", "\"admin\"", "\"stars\"", "7", "-1", "null", "true",
        "\"permission\"", "\"public\"", "\"expiresAt\"", "\"2020-01-01T00:00:00Z\"", "\"x\"", "\"definition\"", "{}",
    ];

    [Property(MaxTest = 300)]
    public bool AnyBody_ForEveryRequest_GivesAValueOrProblems(int seed)
    {
        var random = new Random(seed);
        var body = random.Next(3) == 0
            ? string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => Fragments[random.Next(Fragments.Length)]))
            : "{" + string.Join(",", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"{Fragments[random.Next(6, 10)]}:{Fragments[random.Next(10, Fragments.Length)]}")) + "}";
        return Ok(RequestReader.Read(body, ContractsJsonContext.Default.CreateUserRequest, Clock))
            && Ok(RequestReader.Read(body, ContractsJsonContext.Default.CreateShareRequest, Clock))
            && Ok(RequestReader.Read(body, ContractsJsonContext.Default.RatingRequest, Clock))
            && Ok(RequestReader.Read(body, ContractsJsonContext.Default.TemplateRequest, Clock))
            && Ok(RequestReader.Read(body, ContractsJsonContext.Default.CreateCredentialRequest, Clock));
    }

    private static bool Ok<T>(RequestReadResult<T> result)
        where T : class => result.IsValid || result.Problems.Count > 0;
}
