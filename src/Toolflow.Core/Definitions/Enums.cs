using System.Text.Json.Serialization;

namespace Toolflow.Core.Definitions;

[JsonConverter(typeof(JsonStringEnumConverter<TriggerType>))]
public enum TriggerType
{
    [JsonStringEnumMemberName("manual")] Manual,
    [JsonStringEnumMemberName("schedule")] Schedule,
    [JsonStringEnumMemberName("webhook")] Webhook,
    [JsonStringEnumMemberName("workflow")] Workflow,
}

[JsonConverter(typeof(JsonStringEnumConverter<WorkflowStatus>))]
public enum WorkflowStatus
{
    [JsonStringEnumMemberName("draft")] Draft,
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("paused")] Paused,
    [JsonStringEnumMemberName("archived")] Archived,
}

[JsonConverter(typeof(JsonStringEnumConverter<ExecutionStatus>))]
public enum ExecutionStatus
{
    [JsonStringEnumMemberName("queued")] Queued,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("pausing")] Pausing,
    [JsonStringEnumMemberName("paused")] Paused,
    [JsonStringEnumMemberName("waiting")] Waiting,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

[JsonConverter(typeof(JsonStringEnumConverter<NodeStatus>))]
public enum NodeStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("running")] Running,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("failed")] Failed,
    [JsonStringEnumMemberName("skipped")] Skipped,
    [JsonStringEnumMemberName("cancelled")] Cancelled,
}

[JsonConverter(typeof(JsonStringEnumConverter<SharePermission>))]
public enum SharePermission
{
    [JsonStringEnumMemberName("view")] View,
    [JsonStringEnumMemberName("execute")] Execute,
    [JsonStringEnumMemberName("edit")] Edit,
    [JsonStringEnumMemberName("admin")] Admin,
}

[JsonConverter(typeof(JsonStringEnumConverter<UserRole>))]
public enum UserRole
{
    [JsonStringEnumMemberName("admin")] Admin,
    [JsonStringEnumMemberName("member")] Member,
}

[JsonConverter(typeof(JsonStringEnumConverter<OnErrorMode>))]
public enum OnErrorMode
{
    [JsonStringEnumMemberName("fail")] Fail,
    [JsonStringEnumMemberName("continue")] Continue,
    [JsonStringEnumMemberName("branch")] Branch,
}

[JsonConverter(typeof(JsonStringEnumConverter<BackoffKind>))]
public enum BackoffKind
{
    [JsonStringEnumMemberName("fixed")] Fixed,
    [JsonStringEnumMemberName("exponential")] Exponential,
}
