using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Tests.Repositories;

/// <summary>Small valid definitions for repository tests.</summary>
internal static class Definitions
{
    public static WorkflowDefinition Simple(string name = "Flow", IReadOnlyList<string>? tags = null, TriggerType trigger = TriggerType.Manual, string? description = null) => new()
    {
        Name = name,
        Description = description,
        Tags = tags ?? [],
        Trigger = new TriggerDefinition { Type = trigger, Cron = trigger == TriggerType.Schedule ? "0 8 * * *" : null },
        Nodes =
        [
            new NodeDefinition { Id = "fetch", Tool = "http.request", Config = new JsonObject { ["method"] = "GET", ["url"] = "https://example.org" } },
            new NodeDefinition { Id = "ok", Tool = "flow.condition", Config = new JsonObject { ["expression"] = "{{ true }}" } },
            new NodeDefinition { Id = "summary", Tool = "llm.chat", Config = new JsonObject { ["prompt"] = "hi" } },
        ],
        Edges =
        [
            new EdgeDefinition { Source = "fetch", Target = "ok" },
            new EdgeDefinition { Source = "ok", Target = "summary", Branch = "true" },
        ],
    };
}
