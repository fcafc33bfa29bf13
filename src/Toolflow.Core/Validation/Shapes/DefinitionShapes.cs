namespace Toolflow.Core.Validation.Shapes;

/// <summary>
/// The structure of a workflow definition (SPEC §2), property by property. It mirrors the
/// records in <c>Toolflow.Core.Definitions</c>; a test proves every example that passes here deserialises.
/// </summary>
public static class DefinitionShapes
{
    public static readonly ObjectShape Position = new ObjectShape()
        .Required("x", FieldRule.Number())
        .Required("y", FieldRule.Number());

    public static readonly ObjectShape Retry = new ObjectShape()
        .Optional("maxAttempts", FieldRule.Integer(WorkflowLimits.MinAttempts, WorkflowLimits.MaxAttempts), nullable: false)
        .Optional("backoff", FieldRule.OneOf("fixed", "exponential"), nullable: false)
        .Optional("initialDelayMs", FieldRule.Integer(0, WorkflowLimits.MaxRetryDelayMs), nullable: false)
        .Optional("maxDelayMs", FieldRule.Integer(0, WorkflowLimits.MaxRetryDelayMs));

    public static readonly ObjectShape Node = new ObjectShape()
        .Required("id", FieldRule.String(1))
        .Optional("tool", FieldRule.String(1, 100))
        .Optional("toolInstanceId", FieldRule.String(1, 100))
        .Optional("name", FieldRule.String(0, WorkflowLimits.MaxNameLength))
        .Optional("config", FieldRule.AnyObject())
        .Optional("credential", FieldRule.String(1, WorkflowLimits.MaxNameLength))
        .Optional("retry", FieldRule.Object(Retry))
        .Optional("timeoutMs", FieldRule.Integer(1, WorkflowLimits.MaxTimeoutMs))
        .Optional("forEach", FieldRule.String(1))
        .Optional("concurrency", FieldRule.Integer(WorkflowLimits.MinConcurrency, WorkflowLimits.MaxConcurrency))
        .Optional("onError", FieldRule.OneOf("fail", "continue", "branch"))
        .Optional("position", FieldRule.Object(Position));

    public static readonly ObjectShape Edge = new ObjectShape()
        .Required("source", FieldRule.String(1))
        .Required("target", FieldRule.String(1))
        .Optional("branch", FieldRule.String(1, 100));

    public static readonly ObjectShape Trigger = new ObjectShape()
        .Required("type", FieldRule.OneOf("manual", "schedule", "webhook", "workflow"))
        .Optional("cron", FieldRule.String(1, 200))
        .Optional("timezone", FieldRule.String(1, 100))
        .Optional("hookId", FieldRule.String(1, 100))
        .Optional("credential", FieldRule.String(1, WorkflowLimits.MaxNameLength))
        .Optional("synchronous", FieldRule.Boolean())
        .Optional("workflowId", FieldRule.String(1, 100))
        .Optional("on", FieldRule.OneOf("completed", "failed"));

    public static readonly ObjectShape Workflow = new ObjectShape()
        .Required("name", FieldRule.String(1, WorkflowLimits.MaxNameLength))
        .Optional("description", FieldRule.String(0, WorkflowLimits.MaxDescriptionLength))
        .Optional("tags", FieldRule.ArrayOf(FieldRule.String(1, WorkflowLimits.MaxTagLength), WorkflowLimits.MaxTags), nullable: false)
        .Optional("trigger", FieldRule.Object(Trigger))
        .Optional("inputSchema", FieldRule.AnyObject())
        .Optional("nodes", FieldRule.ArrayOf(FieldRule.Object(Node), WorkflowLimits.MaxNodes), nullable: false)
        .Optional("edges", FieldRule.ArrayOf(FieldRule.Object(Edge), WorkflowLimits.MaxEdges), nullable: false)
        .Optional("output", FieldRule.String(1));
}
