using System.Text.Json.Nodes;

namespace Toolflow.QueueBench;

/// <summary>What every peer's job does: the same trivial work as data.set (an object built and serialised).</summary>
public static class NodeWork
{
    public static string Run(int step) => new JsonObject { ["step"] = step }.ToJsonString();
}
