using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Xunit;
using static Toolflow.Core.Tests.Validation.Validate;

namespace Toolflow.Core.Tests.Validation;

/// <summary>
/// Property tests: FsCheck draws the size and the seed (and shrinks them on failure); the seed
/// builds a random DAG in shuffled node order, so the checks do not lean on a friendly ordering.
/// </summary>
public sealed class RandomDagProperties
{
    [Property(MaxTest = 150)]
    public bool RandomDag_Validates(PositiveInt size, int seed)
    {
        var dag = RandomDag.Create(Math.Min(size.Get, 80), seed);
        return Node(dag.ToDefinition()).IsValid;
    }

    [Property(MaxTest = 150)]
    public bool RandomDag_PlusABackEdge_ReportsACycleNamingIt(PositiveInt size, int seed)
    {
        var dag = RandomDag.Create(Math.Max(2, Math.Min(size.Get, 80)), seed);
        if (dag.Edges.Count == 0)
        {
            return true;
        }

        var random = new Random(seed);
        var (ancestor, descendant) = dag.ReachablePair(random);
        dag.Edges.Add((descendant, ancestor));
        var result = Node(dag.ToDefinition());
        return result.Problems.Any(p =>
            p.Pointer.StartsWith("/edges/", StringComparison.Ordinal) &&
            CycleNodes(p.Message) is { } cycle &&
            cycle.Contains(ancestor) && cycle.Contains(descendant));
    }

    private static HashSet<string>? CycleNodes(string message)
    {
        const string marker = "closes a cycle: ";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        var end = message.IndexOf(" (", start, StringComparison.Ordinal);
        var list = message[(start + marker.Length)..(end < 0 ? message.Length : end)];
        return [.. list.Split(" → ")];
    }

    private sealed class RandomDag
    {
        public List<string> Ids { get; } = [];

        public List<(string Source, string Target)> Edges { get; } = [];

        /// <summary>Edges only go from a lower to a higher rank; nodes are then listed in a shuffled order.</summary>
        public static RandomDag Create(int count, int seed)
        {
            var random = new Random(seed);
            var dag = new RandomDag();
            var ranked = Enumerable.Range(0, count).Select(i => $"n{i}_{random.Next(1000)}").ToList();
            var density = random.NextDouble() * 0.3;
            for (var i = 0; i < count; i++)
            {
                for (var j = i + 1; j < count; j++)
                {
                    if (random.NextDouble() < density || (j == i + 1 && random.Next(3) == 0))
                    {
                        dag.Edges.Add((ranked[i], ranked[j]));
                    }
                }
            }

            dag.Ids.AddRange(ranked.OrderBy(_ => random.Next()));
            return dag;
        }

        /// <summary>A pair (a, b) where b is reachable from a, so an edge b → a closes a cycle.</summary>
        public (string Ancestor, string Descendant) ReachablePair(Random random)
        {
            var (source, target) = Edges[random.Next(Edges.Count)];
            var descendant = target;
            for (var steps = random.Next(4); steps > 0; steps--)
            {
                var next = Edges.Where(e => e.Source == descendant).Select(e => e.Target).ToList();
                if (next.Count == 0)
                {
                    break;
                }

                descendant = next[random.Next(next.Count)];
            }

            return (source, descendant);
        }

        public JsonObject ToDefinition() => new()
        {
            ["name"] = "random dag",
            ["nodes"] = new JsonArray([.. Ids.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["tool"] = "flow.merge" })]),
            ["edges"] = new JsonArray([.. Edges.Select(e => (JsonNode)new JsonObject { ["source"] = e.Source, ["target"] = e.Target })]),
        };
    }
}
