namespace Toolflow.Engine.Graph;

/// <summary>Finds cycles with Kahn's algorithm and names the nodes left on them.</summary>
internal static class CycleFinder
{
    public static IEnumerable<GraphProblem> Find(WorkflowGraph graph)
    {
        var indegree = new int[graph.Count];
        for (var i = 0; i < graph.Count; i++)
        {
            indegree[i] = graph.Incoming[i].Length;
        }

        var ready = new Queue<int>(Enumerable.Range(0, graph.Count).Where(i => indegree[i] == 0));
        var seen = 0;
        while (ready.Count > 0)
        {
            var node = ready.Dequeue();
            seen++;
            foreach (var edge in graph.Outgoing[node])
            {
                if (--indegree[edge.Target] == 0)
                {
                    ready.Enqueue(edge.Target);
                }
            }
        }

        if (seen == graph.Count)
        {
            return [];
        }

        var onCycle = Enumerable.Range(0, graph.Count).Where(i => indegree[i] > 0).Select(i => graph.Nodes[i].Id);
        return [new GraphProblem("/edges", $"the graph has a cycle through nodes {string.Join(", ", onCycle.Select(id => $"'{id}'"))}")];
    }
}
