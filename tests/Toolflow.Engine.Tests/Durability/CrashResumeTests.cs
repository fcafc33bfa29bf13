using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Engine.Tests.Support;

namespace Toolflow.Engine.Tests.Durability;

/// <summary>
/// A worker that dies after k commits, for every k, and a fresh engine that resumes from the store.
/// <code>
///   start ─► cond ─true──► yes ─┐
///     │           └false─► no ──┤
///     ├──► each(forEach 3) ─────┼─► merge ─► tpl ─► code ─► end
///     └──► side ────────────────┘
/// </code>
/// </summary>
public sealed class CrashResumeTests
{
    private const string TenNodes = """
        { "name": "ten", "nodes": [
          { "id": "start", "tool": "test.echo", "config": { "value": { "n": 4, "items": [1, 2, 3] } } },
          { "id": "cond", "tool": "flow.condition", "config": { "expression": "{{ nodes.start.output.n > 2 }}" } },
          { "id": "yes", "tool": "test.echo", "config": { "value": "yes" } },
          { "id": "no", "tool": "test.echo", "config": { "value": "no" } },
          { "id": "each", "tool": "test.echo", "forEach": "{{ nodes.start.output.items }}", "concurrency": 2, "config": { "value": "{{ item * 10 }}" } },
          { "id": "side", "tool": "test.echo", "config": { "value": "{{ input.x }}" } },
          { "id": "merge", "tool": "flow.merge", "config": {} },
          { "id": "tpl", "tool": "data.template", "config": { "template": "{{ nodes.merge.output.each }}/{{ nodes.merge.output.yes }}" } },
          { "id": "code", "tool": "code.javascript", "config": { "code": "return nodes.tpl.output.text.length;" } },
          { "id": "end", "tool": "test.echo", "config": { "value": { "len": "{{ nodes.code.output }}", "side": "{{ nodes.side.output }}" } } } ],
          "edges": [
            { "source": "start", "target": "cond" }, { "source": "cond", "target": "yes", "branch": "true" }, { "source": "cond", "target": "no", "branch": "false" },
            { "source": "start", "target": "each" }, { "source": "start", "target": "side" },
            { "source": "yes", "target": "merge" }, { "source": "no", "target": "merge" }, { "source": "each", "target": "merge" }, { "source": "side", "target": "merge" },
            { "source": "merge", "target": "tpl" }, { "source": "tpl", "target": "code" }, { "source": "code", "target": "end" } ] }
        """;

    [Fact]
    public async Task Resuming_after_a_crash_at_every_commit_gives_the_same_output_and_never_reruns_committed_work()
    {
        var baseline = await RunUninterruptedAsync();
        Assert.Equal(ExecutionStatus.Completed, baseline.Result.Status);
        var total = baseline.Commits;
        // One write per loop turn (a completion carries the next starts) plus one per forEach item:
        // enough crash points to land between every pair of dependent steps.
        Assert.True(total >= 10, $"only {total} commits");

        var crashes = 0;
        for (var k = 0; k < total; k++)
        {
            var h = new Harness();
            var crashing = new CrashingStore(h.Memory, k);
            var dying = h.NewEngine(crashing);
            var id = await dying.StartAsync(Harness.Definition(TenNodes), JsonNode.Parse("""{"x": "s"}"""));
            RunResult? uninterrupted = null;
            try
            {
                uninterrupted = await dying.RunAsync(id);
            }
            catch (IOException) when (crashing.Crashed)
            {
                crashes++;
            }

            if (uninterrupted is not null)
            {
                // Parallel completions that land in one loop turn share a commit, so a run may need
                // fewer commits than the baseline did: this one ended before crash point k.
                Assert.False(crashing.Crashed);
                Assert.Equal(ExecutionStatus.Completed, uninterrupted.Status);
                Assert.True(JsonNode.DeepEquals(baseline.Result.Output, uninterrupted.Output), $"k={k}: {uninterrupted.Output?.ToJsonString()}");
                continue;
            }

            var committed = await h.Memory.LoadAsync(id, default);
            var before = h.Log.Runs.ToDictionary(p => p.Key, p => p.Value);

            var result = await h.NewEngine(h.Memory).RunAsync(id);

            Assert.Equal(ExecutionStatus.Completed, result.Status);
            Assert.True(JsonNode.DeepEquals(baseline.Result.Output, result.Output), $"k={k}: {result.Output?.ToJsonString()}");
            foreach (var (nodeId, node) in committed!.Nodes)
            {
                // A node (or forEach item) committed before the crash is never run again.
                if (node.IsFinal)
                {
                    Assert.Equal(before.GetValueOrDefault(nodeId), h.Log.Of(nodeId));
                }

                foreach (var item in node.Items.Keys)
                {
                    Assert.Equal(before.GetValueOrDefault($"{nodeId}[{item}]"), h.Log.Of($"{nodeId}[{item}]"));
                }
            }

            // At least once: a node runs once, or twice when it was in flight at the crash.
            Assert.All(h.Log.Runs, p => Assert.InRange(p.Value, 1, 2));
            Assert.Equal(0, h.Log.Of("no"));
            var final = await h.Memory.LoadAsync(id, default);
            Assert.All(final!.Nodes.Values, n => Assert.True(n.IsFinal, $"k={k}: {n.NodeId} is {n.Status}"));
        }

        Assert.True(crashes >= 10, $"only {crashes} of {total} crash points were reached");
    }

    private static async Task<(RunResult Result, int Commits)> RunUninterruptedAsync()
    {
        var h = new Harness();
        var counting = new CrashingStore(h.Memory, int.MaxValue);
        var engine = h.NewEngine(counting);
        var id = await engine.StartAsync(Harness.Definition(TenNodes), JsonNode.Parse("""{"x": "s"}"""));
        var result = await engine.RunAsync(id);
        Assert.All(h.Log.Runs, p => Assert.Equal(1, p.Value));
        return (result, counting.Commits);
    }
}
