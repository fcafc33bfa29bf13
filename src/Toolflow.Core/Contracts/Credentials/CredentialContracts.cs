using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolflow.Core.Contracts.Common;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Credentials;

/// <summary>
/// <c>POST /credentials</c>: a named secret of a type (smtp, postgres, sqlite, openai, ollama,
/// http-bearer, http-basic, http-header, hmac …). <c>data</c> is encrypted at rest and never returned;
/// <c>hosts</c>, when given, binds it to those hosts (<c>api.example.com</c>, <c>*.example.com</c>, IPs).
/// </summary>
public sealed partial record CreateCredentialRequest(string? Name, string? Type, JsonObject? Data, IReadOnlyList<string>? Hosts = null) : IValidatedRequest
{
    public const int MaxSecretBytes = 64 * 1024;

    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock)
    {
        var checks = new RequestChecks()
            .Text("/name", Name, WorkflowLimits.MaxNameLength)
            .Text("/type", Type, 50)
            .Present("/data", Data);
        CheckType(checks, Type);
        CheckData(checks, Data);
        CheckHosts(checks, Hosts);
        return checks.Problems;
    }

    internal static void CheckType(RequestChecks checks, string? type)
    {
        if (type is { Length: > 0 and <= 50 } && !TypeName().IsMatch(type))
        {
            checks.Add("/type", $"'{type}' is not a credential type: lower-case letters, digits and '-'");
        }
    }

    internal static void CheckData(RequestChecks checks, JsonObject? data)
    {
        if (data is null)
        {
            return;
        }

        if (data.Count == 0)
        {
            checks.Add("/data", "must hold at least one secret value");
        }
        else if (System.Text.Encoding.UTF8.GetByteCount(data.ToJsonString()) > MaxSecretBytes)
        {
            checks.Add("/data", $"must be at most {MaxSecretBytes} bytes");
        }
    }

    internal static void CheckHosts(RequestChecks checks, IReadOnlyList<string>? hosts)
    {
        if (hosts is null)
        {
            return;
        }

        if (hosts.Count > CredentialHosts.MaxHosts)
        {
            checks.Add("/hosts", $"may hold at most {CredentialHosts.MaxHosts} hosts");
            return;
        }

        for (var i = 0; i < hosts.Count; i++)
        {
            if (CredentialHosts.Problem(hosts[i]) is { } problem)
            {
                checks.Add($"/hosts/{i}", problem);
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}

/// <summary><c>PUT /credentials/{id}</c>: rename, or replace the secret (write-only; absent keeps the old one).</summary>
public sealed record UpdateCredentialRequest(string? Name, JsonObject? Data, IReadOnlyList<string>? Hosts = null) : IValidatedRequest
{
    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock)
    {
        var checks = new RequestChecks().Text("/name", Name, WorkflowLimits.MaxNameLength, required: false);
        CreateCredentialRequest.CheckData(checks, Data);
        CreateCredentialRequest.CheckHosts(checks, Hosts);
        return checks.Problems;
    }
}

/// <summary>A credential as listed: never its secret.</summary>
public sealed record CredentialResource(Guid Id, Guid OwnerId, string Name, string Type, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The hosts the credential may be sent to; empty when it is not bound.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];
}
