using System.Text;

namespace Toolflow.Core.Import.Report;

/// <summary>The report as human-readable lines (what the CLI prints to standard error).</summary>
public static class ImportReportText
{
    public static string Format(ImportReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var c = report.Counts;
        var text = new StringBuilder()
            .AppendLine($"n8n nodes: {c.N8nNodes} — mapped {c.Mapped}, trigger {c.Trigger}, sticky notes {c.StickyNotes}, folded {c.Folded}, not converted {c.Unconverted}")
            .AppendLine($"connections: {c.MainConnections} — edges {c.Edges}, from the trigger {c.TriggerConnections}, dropped {c.DroppedConnections}");
        foreach (var node in report.Nodes)
        {
            var line = node.Outcome switch
            {
                NodeOutcome.Mapped => $"mapped       '{node.N8nName}' ({node.N8nType}) → {node.NodeId}: {node.Tool}",
                NodeOutcome.Trigger => $"trigger      '{node.N8nName}' ({node.N8nType})",
                NodeOutcome.StickyNote => $"description  '{node.N8nName}' (sticky note)",
                NodeOutcome.Folded => $"folded       '{node.N8nName}' ({node.N8nType}) into {node.NodeId}",
                _ => $"NOT CONVERTED '{node.N8nName}' ({node.N8nType}): {node.Reason}",
            };
            text.AppendLine(line);
            foreach (var warning in node.Warnings)
            {
                text.AppendLine($"  warning: {warning}");
            }
        }

        foreach (var dropped in report.DroppedConnections)
        {
            text.AppendLine($"DROPPED connection '{dropped.Source}' (output {dropped.OutputIndex}) → '{dropped.Target}': {dropped.Reason}");
        }

        foreach (var todo in report.Credentials)
        {
            text.AppendLine($"to do: create credential '{todo.CredentialName}' (n8n type {todo.N8nCredentialType}) used by node {todo.NodeId}");
        }

        foreach (var warning in report.Warnings)
        {
            text.AppendLine($"warning: {warning}");
        }

        text.AppendLine(report.FullyConverted ? "fully converted" : "NOT fully converted");
        return text.ToString();
    }
}
