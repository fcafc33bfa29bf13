namespace Toolflow.Core.Definitions;

/// <summary>What starts a workflow (SPEC §3). Only the fields of its <see cref="Type"/> are set.</summary>
public sealed record TriggerDefinition
{
    public required TriggerType Type { get; init; }

    /// <summary>schedule: cron with optional seconds field.</summary>
    public string? Cron { get; init; }

    /// <summary>schedule: IANA time zone; UTC when absent.</summary>
    public string? Timezone { get; init; }

    /// <summary>webhook: server-generated, random, rotatable.</summary>
    public string? HookId { get; init; }

    /// <summary>webhook: name of the credential holding the HMAC-SHA256 secret; unsigned requests are refused when set.</summary>
    public string? Credential { get; init; }

    /// <summary>webhook: answer with the execution's output when it ends, instead of 202 at once.</summary>
    public bool? Synchronous { get; init; }

    /// <summary>workflow: the upstream workflow whose end starts this one.</summary>
    public string? WorkflowId { get; init; }

    /// <summary>workflow: "completed" (default) or "failed".</summary>
    public string? On { get; init; }
}
