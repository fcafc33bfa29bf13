using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Credentials;
using Toolflow.Core.Contracts.Executions;
using Toolflow.Core.Contracts.Shares;
using Toolflow.Core.Contracts.Templates;
using Toolflow.Core.Contracts.ToolInstances;
using Toolflow.Core.Contracts.Users;
using Toolflow.Core.Contracts.Workflows;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories.ApiKeys;
using Toolflow.Storage.Repositories.Credentials;
using Toolflow.Storage.Repositories.Executions;
using Toolflow.Storage.Repositories.Shares;
using Toolflow.Storage.Repositories.Templates;
using Toolflow.Storage.Repositories.ToolInstances;
using Toolflow.Storage.Repositories.Users;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>Storage records to the API's resources (SPEC §4 Shapes). Credential secrets have no field to map to.</summary>
internal static class Resources
{
    public static WorkflowResource ToResource(this WorkflowRecord w, DateTimeOffset? now = null)
    {
        var d = w.Definition;
        // The hook id is the webhook's credential: anyone holding it runs the workflow, anonymously, even after
        // their share ends. Only those who may rotate it (edit and above) see it; a view or execute grantee does not.
        var trigger = d.Trigger is not { } t ? null
            : w.HookId is { } hook && w.Permission >= SharePermission.Edit ? t with { HookId = hook }
            : t with { HookId = null };
        return new WorkflowResource
        {
            Id = w.Id,
            Name = d.Name,
            Description = d.Description,
            Tags = d.Tags,
            Trigger = trigger,
            InputSchema = d.InputSchema,
            Nodes = d.Nodes,
            Edges = d.Edges,
            Output = d.Output,
            Version = w.Version,
            Status = w.Status,
            OwnerId = w.OwnerId,
            Permission = w.Permission,
            TemplateId = w.TemplateId,
            CreatedAt = w.CreatedAt,
            UpdatedAt = w.UpdatedAt,
            ExecutionCount = w.ExecutionCount,
            SuccessCount = w.SuccessCount,
            FailureCount = w.FailureCount,
            LastExecutedAt = w.LastExecutedAt,
            AvgDurationMs = w.AvgDurationMs is { } avg ? (long)Math.Round(avg) : null,
            EstimatedDurationMs = w.EstimatedDurationMs,
            EstimatedCostUsd = w.EstimatedCostUsd,
            ComplexityScore = w.ComplexityScore,
            NextRuns = Triggers.NextRuns.Of(w, now ?? DateTimeOffset.UtcNow),
            GenerationPrompt = w.GenerationPrompt,
            GenerationModel = w.GenerationModel,
            GenerationConversation = w.GenerationConversation,
            GenerationAttempts = w.GenerationAttempts == 0 ? null : w.GenerationAttempts,
        };
    }

    /// <summary>
    /// With <paramref name="definitionNodeIds"/> (its workflow version's nodes), every node not started
    /// yet is added as <c>pending</c>, after the started ones, in definition order.
    /// </summary>
    public static ExecutionResource ToResource(this ExecutionRecord e, IReadOnlyList<string>? definitionNodeIds = null)
    {
        var resource = e.ToResource();
        if (definitionNodeIds is null)
        {
            return resource;
        }

        var started = resource.Nodes.Select(n => n.NodeId).ToHashSet(StringComparer.Ordinal);
        var pending = definitionNodeIds.Where(id => !started.Contains(id)).Select(id => new NodeExecutionResource { NodeId = id, Status = NodeStatus.Pending });
        return resource with { Nodes = [.. resource.Nodes, .. pending] };
    }

    public static ExecutionResource ToResource(this ExecutionRecord e) => new()
    {
        Id = e.Id,
        WorkflowId = e.WorkflowId,
        WorkflowVersion = e.WorkflowVersion,
        Status = e.Status,
        Input = e.Input,
        Output = e.Output,
        Error = ToError(e.Error),
        ParentExecutionId = e.ParentExecutionId,
        IdempotencyKey = e.IdempotencyKey,
        TriggerType = e.TriggerType,
        TriggeredBy = e.TriggeredBy,
        WakeAt = e.Status == ExecutionStatus.Waiting ? e.WakeAt : null,
        TotalSteps = e.TotalSteps,
        StepsCompleted = e.StepsCompleted,
        StepsFailed = e.StepsFailed,
        StepsSkipped = e.StepsSkipped,
        CurrentNodes = e.CurrentNodes,
        CreatedAt = e.CreatedAt,
        StartedAt = e.StartedAt,
        CompletedAt = e.CompletedAt,
        DurationMs = e.DurationMs,
        ResourceUsage = ToUsage(e.ResourceUsage),
        // One entry per node: a forEach node's item rows are summarised by its whole-node row when present.
        Nodes = [.. e.Nodes.GroupBy(n => n.NodeId, StringComparer.Ordinal).Select(g => ToResource(g.FirstOrDefault(n => n.ItemIndex is null) ?? g.First(), g.Sum(n => n.Attempts)))],
    };

    public static TemplateResource ToResource(this TemplateRecord t) => new()
    {
        Id = t.Id,
        Name = t.Name,
        Description = t.Description,
        Category = t.Category,
        Tags = t.Tags,
        Parameters = t.Parameters,
        Definition = t.Definition,
        UsageCount = t.UsageCount,
        RatingAvg = t.RatingAvg is { } avg ? Math.Round((decimal)avg, 4) : null,
        RatingCount = t.RatingCount,
        IsPublished = t.IsPublished,
        PublishedAt = t.PublishedAt,
        AuthorId = t.AuthorId,
        CreatedAt = t.CreatedAt,
        UpdatedAt = t.UpdatedAt,
    };

    /// <summary>A share as listed; <paramref name="token"/> only in the answer that created a public link.</summary>
    public static ShareResource ToResource(this ShareRecord s, string? token = null, UserRecord? grantee = null) => new()
    {
        Id = s.Id,
        WorkflowId = s.WorkflowId,
        UserId = s.GranteeUserId,
        UserEmail = grantee?.Email,
        UserDisplayName = grantee?.DisplayName,
        Public = s.IsPublicLink,
        TokenPrefix = s.TokenPrefix,
        Token = token,
        Permission = s.Permission,
        ExpiresAt = s.ExpiresAt,
        CreatedBy = s.CreatedBy ?? Guid.Empty,
        CreatedAt = s.CreatedAt,
        AccessCount = s.AccessCount,
        LastAccessedAt = s.LastAccessedAt,
        RevokedAt = s.RevokedAt,
    };

    public static UserResource ToResource(this UserRecord u) => new(u.Id, u.Email, u.DisplayName, u.Role, u.CreatedAt);

    public static ApiKeyResource ToResource(this ApiKeyRecord k) => new(k.Id, k.UserId, k.Prefix, k.Name, k.CreatedAt, k.LastUsedAt, k.RevokedAt);

    public static CredentialResource ToResource(this CredentialRecord c) => new(c.Id, c.OwnerId, c.Name, c.Type, c.CreatedAt, c.UpdatedAt) { Hosts = c.Hosts };

    public static ToolInstanceResource ToResource(this ToolInstanceRecord t) =>
        new(t.Id, t.OwnerId, t.Tool, t.Name, t.Config, t.CredentialId, t.WorkflowId, t.CreatedAt, t.UpdatedAt);

    private static NodeExecutionResource ToResource(NodeExecutionRecord n, int attempts) => new()
    {
        NodeId = n.NodeId,
        Status = n.Status,
        Attempts = n.ItemIndex is null ? n.Attempts : attempts,
        Output = n.Output,
        Error = ToError(n.Error),
        StartedAt = n.StartedAt,
        CompletedAt = n.CompletedAt,
    };

    private static ExecutionError? ToError(JsonNode? error) => error switch
    {
        null => null,
        JsonObject o => new ExecutionError
        {
            Message = Text(o, "message") ?? "failed",
            NodeId = Text(o, "nodeId"),
            Kind = Text(o, "kind") ?? Text(o, "code"),
            Retryable = o["retryable"] is JsonValue r && r.TryGetValue<bool>(out var b) && b,
        },
        _ => new ExecutionError { Message = error.ToJsonString() },
    };

    private static ResourceUsage ToUsage(JsonObject? stored)
    {
        var usage = Storage.ExecutionStore.UsageJson.Read(stored);
        return new ResourceUsage
        {
            NodeTimeMs = usage.NodeTimeMs,
            BytesIn = usage.BytesIn,
            BytesOut = usage.BytesOut,
            LlmInputTokens = usage.InputTokens,
            LlmOutputTokens = usage.OutputTokens,
            CostUsd = usage.CostUsd,
        };
    }

    private static string? Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

}
