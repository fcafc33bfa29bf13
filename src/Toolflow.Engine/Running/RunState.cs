using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Execution;
using Toolflow.Engine.Graph;

namespace Toolflow.Engine.Running;

/// <summary>
/// The scheduler's view of one execution: each node's committed result, how many incoming edges
/// are still unresolved, and which nodes are ready, running or waiting. Owned by the run loop only.
/// </summary>
internal sealed class RunState
{
    private readonly int[] _unresolved;

    public RunState(WorkflowGraph graph, ExecutionSnapshot snapshot)
    {
        Graph = graph;
        Results = new NodeResult?[graph.Count];
        _unresolved = new int[graph.Count];
        var outputs = ImmutableDictionary.CreateBuilder<string, JsonNode?>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Count; i++)
        {
            var result = snapshot.Nodes.GetValueOrDefault(graph.Nodes[i].Id);
            Results[i] = result;
            _unresolved[i] = graph.Incoming[i].Length;
            if (result is { IsFinal: true })
            {
                Count(result.Status);
                if (HasOutput(result))
                {
                    outputs[result.NodeId] = result.Output;
                }
            }
            else if (result?.Waiting is { } wait)
            {
                Waiting[i] = wait;
            }
        }

        Outputs = outputs.ToImmutable();
        for (var i = 0; i < graph.Count; i++)
        {
            if (Results[i] is { IsFinal: true })
            {
                foreach (var edge in graph.Outgoing[i])
                {
                    _unresolved[edge.Target]--;
                }
            }
        }

        for (var i = 0; i < graph.Count; i++)
        {
            if (_unresolved[i] == 0 && Results[i] is not { IsFinal: true } && !Waiting.ContainsKey(i))
            {
                Ready.Enqueue(i);
            }
        }
    }

    public WorkflowGraph Graph { get; }

    public NodeResult?[] Results { get; }

    public Queue<int> Ready { get; } = new();

    public HashSet<int> Running { get; } = [];

    public Dictionary<int, WaitState> Waiting { get; } = [];

    /// <summary>Outputs visible to expressions; replaced (never mutated) so running nodes keep a stable view.</summary>
    public ImmutableDictionary<string, JsonNode?> Outputs { get; private set; }

    public int Completed { get; private set; }

    public int Failed { get; private set; }

    public int Skipped { get; private set; }

    public bool AllFinal => Completed + Failed + Skipped + Cancelled == Graph.Count;

    public int Cancelled { get; private set; }

    /// <summary>Records a final result and makes the dependents whose edges are now all resolved ready.</summary>
    public void Finish(int index, NodeResult result)
    {
        Results[index] = result;
        Waiting.Remove(index);
        Count(result.Status);
        if (HasOutput(result))
        {
            Outputs = Outputs.SetItem(result.NodeId, result.Output);
        }

        foreach (var edge in Graph.Outgoing[index])
        {
            if (--_unresolved[edge.Target] == 0)
            {
                Ready.Enqueue(edge.Target);
            }
        }
    }

    /// <summary>An edge is active when its source ended with an output and the edge's branch was taken.</summary>
    public bool IsActive(GraphEdge edge)
    {
        var source = Results[edge.Source];
        if (source is null || !(source.Status == NodeStatus.Completed || source.Handled))
        {
            return false;
        }

        return edge.Branch is null ? source.Branch != BranchNames.Error : string.Equals(edge.Branch, source.Branch, StringComparison.Ordinal);
    }

    public bool AnyIncomingActive(int index)
    {
        var incoming = Graph.Incoming[index];
        if (incoming.Length == 0)
        {
            return true;
        }

        foreach (var edge in incoming)
        {
            if (IsActive(edge))
            {
                return true;
            }
        }

        return false;
    }

    public IReadOnlyList<string> ActiveParents(int index)
    {
        if (Graph.Incoming[index].Length == 0)
        {
            return [];
        }

        var parents = new List<string>(Graph.Incoming[index].Length);
        foreach (var edge in Graph.Incoming[index])
        {
            var id = Graph.Nodes[edge.Source].Id;
            if (IsActive(edge) && !parents.Contains(id))
            {
                parents.Add(id);
            }
        }

        return parents;
    }

    public ExecutionProgress Progress(ExecutionProgress previous)
    {
        var current = Running.Count + Waiting.Count == 0 ? [] : new string[Running.Count + Waiting.Count];
        var n = 0;
        foreach (var index in Running)
        {
            current[n++] = Graph.Nodes[index].Id;
        }

        foreach (var index in Waiting.Keys)
        {
            current[n++] = Graph.Nodes[index].Id;
        }

        return previous with
        {
            TotalSteps = Graph.Count,
            StepsCompleted = Completed,
            StepsFailed = Failed,
            StepsSkipped = Skipped,
            CurrentNodes = current,
        };
    }

    // Skipped nodes are visible with a null output, so `nodes.skipped.output` reads null rather than throwing.
    private static bool HasOutput(NodeResult result) => result.Status is NodeStatus.Completed or NodeStatus.Skipped || result.Handled;

    private void Count(NodeStatus status)
    {
        switch (status)
        {
            case NodeStatus.Completed: Completed++; break;
            case NodeStatus.Failed: Failed++; break;
            case NodeStatus.Skipped: Skipped++; break;
            case NodeStatus.Cancelled: Cancelled++; break;
        }
    }
}

/// <summary>Branch names the engine itself knows.</summary>
public static class BranchNames
{
    public const string Error = "error";
}
