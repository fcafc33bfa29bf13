using Toolflow.Core.Definitions;
using Toolflow.Core.Import.N8n;

namespace Toolflow.Core.Import.Graph;

/// <summary>Which n8n node types start a workflow, and which Toolflow trigger each becomes.</summary>
internal static class TriggerKinds
{
    private static readonly Dictionary<string, (TriggerType Type, int Priority)> Supported = new(StringComparer.Ordinal)
    {
        ["n8n-nodes-base.scheduleTrigger"] = (TriggerType.Schedule, 0),
        ["n8n-nodes-base.cron"] = (TriggerType.Schedule, 0),
        ["n8n-nodes-base.interval"] = (TriggerType.Schedule, 0),
        ["n8n-nodes-base.webhook"] = (TriggerType.Webhook, 1),
        ["n8n-nodes-base.formTrigger"] = (TriggerType.Webhook, 2),
        ["@n8n/n8n-nodes-langchain.chatTrigger"] = (TriggerType.Webhook, 2),
        ["n8n-nodes-base.executeWorkflowTrigger"] = (TriggerType.Manual, 3),
        ["n8n-nodes-base.manualTrigger"] = (TriggerType.Manual, 4),
        ["n8n-nodes-base.start"] = (TriggerType.Manual, 4),
    };

    /// <summary>Polling starters whose type name does not end in "Trigger".</summary>
    private static readonly HashSet<string> OtherStarters = new(StringComparer.Ordinal)
    {
        "n8n-nodes-base.emailReadImap", "n8n-nodes-base.rssFeedReadTrigger", "n8n-nodes-base.sseTrigger",
    };

    public static bool IsTrigger(N8nNode node) =>
        Supported.ContainsKey(node.Type) || OtherStarters.Contains(node.Type) ||
        node.ShortType.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    public static bool IsManual(N8nNode node) => node.Type is "n8n-nodes-base.manualTrigger" or "n8n-nodes-base.start";

    public static bool IsSupported(N8nNode node) => Supported.ContainsKey(node.Type);

    /// <summary>Lower is preferred: a schedule or webhook says more than a manual trigger.</summary>
    public static int Priority(N8nNode node) => Supported.TryGetValue(node.Type, out var s) ? s.Priority : int.MaxValue;

    /// <summary>True when the trigger's item is the webhook request, whose body is Toolflow's input.</summary>
    public static bool IsWebhookRequest(N8nNode node) => node.Type == "n8n-nodes-base.webhook";
}
