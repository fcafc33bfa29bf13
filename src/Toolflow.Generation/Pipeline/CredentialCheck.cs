using Toolflow.Core.Definitions;

namespace Toolflow.Generation.Pipeline;

/// <summary>
/// Keeps only credentials the user has. A node naming another (a model may invent "smtp-main")
/// loses it, and the report says what to add. Nodes that need one and have none are to-dos too.
/// </summary>
internal static class CredentialCheck
{
    private static readonly Dictionary<string, string> Needs = new(StringComparer.Ordinal)
    {
        ["email.send"] = "an SMTP credential",
        ["db.query"] = "a PostgreSQL or SQLite credential",
    };

    public static WorkflowDefinition Apply(WorkflowDefinition definition, GenerationContext context, GenerationReportBuilder report)
    {
        var known = context.Credentials.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var nodes = definition.Nodes.Select(node =>
        {
            if (node.Credential is { } name && !known.Contains(name))
            {
                report.Todo($"'{node.Id}' named the credential '{name}', which you do not have: it was removed; add {Needs.GetValueOrDefault(node.Tool ?? string.Empty, "the credential")} and set it");
                return node with { Credential = null };
            }

            if (node.Credential is null && node.Tool is { } tool && Needs.TryGetValue(tool, out var what))
            {
                report.Todo($"add {what} and set it on '{node.Id}' (none of yours fits, so none was set)");
            }

            return node;
        }).ToList();
        var trigger = definition.Trigger;
        if (trigger?.Credential is { } secret && !known.Contains(secret))
        {
            report.Todo($"the webhook named the credential '{secret}', which you do not have: it was removed");
            trigger = trigger with { Credential = null };
        }

        return definition with { Nodes = nodes, Trigger = trigger };
    }
}
