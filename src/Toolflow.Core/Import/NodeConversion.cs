using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Import.Expressions;
using Toolflow.Core.Import.Graph;
using Toolflow.Core.Import.Mapping;
using Toolflow.Core.Import.N8n;
using Toolflow.Core.Import.Report;

namespace Toolflow.Core.Import;

/// <summary>Maps one regular n8n node (not a trigger, sticky note or AI sub-node) and builds its Toolflow node.</summary>
internal static class NodeConversion
{
    public static (NodeMapping Mapping, List<string> Warnings) Map(N8nNode node, ImportGraph graph, DataRefResolver resolver, string? refusal = null)
    {
        if (refusal is not null)
        {
            return (NodeMapping.Unconverted(UnconvertedKind.FailsValidation, refusal), []);
        }

        if (graph.Cycles.TryGetValue(node.Name, out var loop))
        {
            var path = string.Join(" → ", loop.Select(n => $"'{n}'"));
            var hint = loop.Any(n => graph.ByName[n].Type == "n8n-nodes-base.splitInBatches") ? " (a SplitInBatches loop)" : "";
            return (NodeMapping.Unconverted(UnconvertedKind.Cycle,
                $"it lies on a cycle{hint}: {path}; Toolflow graphs are acyclic, so loops must become forEach or a sub-workflow"), []);
        }

        var context = new MappingContext(node, graph, resolver);
        if (node.Disabled)
        {
            context.Warnings.Add("disabled in n8n: imported as a data.set that does nothing");
            return (NodeMapping.To("data.set", new JsonObject { ["values"] = new JsonObject() }), context.Warnings);
        }

        var mapper = MapperRegistry.Find(node.Type);
        if (mapper is null)
        {
            return (NodeMapping.Unconverted(UnconvertedKind.UnknownNodeType, $"unknown node type `{node.Type}`"), []);
        }

        var mapping = mapper.Map(context);
        if (node.DroppedSettings.Count > 0)
        {
            context.Warnings.Add($"n8n node settings not kept: {string.Join(", ", node.DroppedSettings)}");
        }

        if (mapping.IsConverted && context.Problems.Count > 0)
        {
            mapping = NodeMapping.Unconverted(UnconvertedKind.ExpressionWithoutEquivalent,
                "expression with no equivalent: " + string.Join("; ", context.Problems.Distinct()));
        }

        return (mapping, context.Warnings);
    }

    public static NodeDefinition Build(N8nNode node, string id, NodeMapping mapping, string? credential, string? forEach)
    {
        if (!mapping.IsConverted)
        {
            var message = $"n8n node '{node.Name}' ({node.Type}) was not converted: {mapping.Reason}";
            return new NodeDefinition
            {
                Id = id,
                Tool = "flow.fail",
                Name = node.Name,
                Config = new JsonObject { ["message"] = ValueConverter.EscapeLiteral(message) },
                Position = node.Position,
            };
        }

        return new NodeDefinition
        {
            Id = id,
            Tool = mapping.Tool,
            Name = node.Name,
            Config = mapping.Config,
            Credential = credential,
            ForEach = forEach,
            OnError = node.OnError switch
            {
                "continueRegularOutput" => OnErrorMode.Continue,
                "continueErrorOutput" => OnErrorMode.Branch,
                _ => null,
            },
            Retry = node.RetryOnFail
                ? new RetryPolicy { MaxAttempts = Math.Clamp(node.MaxTries ?? 3, 1, 10), InitialDelayMs = Math.Max(0, node.WaitBetweenTries ?? 1000) }
                : null,
            Position = node.Position,
        };
    }

    /// <summary>The name of the node's first credential and its n8n type, if any.</summary>
    public static (string Name, string Type)? Credential(N8nNode node)
    {
        var first = node.Credentials?.FirstOrDefault();
        if (first is not { } pair)
        {
            return null;
        }

        var name = N8nDocumentReader.Text(pair.Value.Get("name")) ?? N8nDocumentReader.Text(pair.Value) ?? pair.Key;
        return (name, pair.Key);
    }
}
