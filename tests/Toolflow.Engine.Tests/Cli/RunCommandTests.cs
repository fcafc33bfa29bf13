namespace Toolflow.Engine.Tests.Cli;

/// <summary><c>toolflow run FILE.json [--input JSON]</c>: one JSON document on stdout; exit 0, 1 or 2.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task A_completed_run_prints_the_document_and_exits_0()
    {
        // start ─► cond ─true──► big
        //              └false─► small      (skipped)
        var file = ToolflowProcess.WriteTemp("""
            { "name": "demo", "nodes": [
              { "id": "start", "tool": "data.set", "config": { "values": { "n": "{{ input.n * 2 }}" } } },
              { "id": "cond", "tool": "flow.condition", "config": { "expression": "{{ nodes.start.output.n > 5 }}" } },
              { "id": "big", "tool": "data.template", "config": { "template": "big {{ nodes.start.output.n }}" } },
              { "id": "small", "tool": "data.template", "config": { "template": "small" } } ],
              "edges": [ { "source": "start", "target": "cond" },
                { "source": "cond", "target": "big", "branch": "true" }, { "source": "cond", "target": "small", "branch": "false" } ] }
            """);
        var run = await ToolflowProcess.RunAsync("run", file, "--input", """{"n": 4}""");
        Assert.Equal(0, run.ExitCode);
        var doc = run.Document;
        Assert.Equal("completed", doc["status"]!.GetValue<string>());
        Assert.Equal("big 8", doc["output"]!["big"]!["text"]!.GetValue<string>());
        Assert.Null(doc["error"]);
        Assert.Equal("completed", doc["nodes"]!["start"]!["status"]!.GetValue<string>());
        Assert.Equal(1, doc["nodes"]!["start"]!["attempts"]!.GetValue<int>());
        Assert.Equal(8, doc["nodes"]!["start"]!["output"]!["n"]!.GetValue<int>());
        Assert.Equal("skipped", doc["nodes"]!["small"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_run_exits_1_and_names_the_error()
    {
        // a ─► boom ─► never
        var file = ToolflowProcess.WriteTemp("""
            { "name": "fail", "nodes": [
              { "id": "a", "tool": "data.set", "config": { "values": {} } },
              { "id": "boom", "tool": "flow.fail", "config": { "message": "it broke" } },
              { "id": "never", "tool": "data.set", "config": { "values": {} } } ],
              "edges": [ { "source": "a", "target": "boom" }, { "source": "boom", "target": "never" } ] }
            """);
        var run = await ToolflowProcess.RunAsync("run", file);
        Assert.Equal(1, run.ExitCode);
        var doc = run.Document;
        Assert.Equal("failed", doc["status"]!.GetValue<string>());
        Assert.Equal("it broke", doc["error"]!["message"]!.GetValue<string>());
        Assert.Equal("failed", doc["nodes"]!["boom"]!["status"]!.GetValue<string>());
        Assert.Equal("pending", doc["nodes"]!["never"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_file_that_is_not_JSON_exits_2()
    {
        var run = await ToolflowProcess.RunAsync("run", ToolflowProcess.WriteTemp("{ not json"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not JSON", run.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Stdout);
    }

    [Fact]
    public async Task Input_that_is_not_JSON_exits_2()
    {
        var file = ToolflowProcess.WriteTemp("""{ "name": "x", "nodes": [] }""");
        var run = await ToolflowProcess.RunAsync("run", file, "--input", "{oops");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--input", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[ { "source": "a", "target": "b" }, { "source": "b", "target": "a" } ]""")]
    [InlineData("""[ { "source": "a", "target": "nowhere" } ]""")]
    public async Task A_definition_that_cannot_run_fails_without_hanging(string edges)
    {
        var file = ToolflowProcess.WriteTemp($$"""
            { "name": "broken", "nodes": [ { "id": "a", "tool": "data.set", "config": {} }, { "id": "b", "tool": "data.set", "config": {} } ], "edges": {{edges}} }
            """);
        var run = await ToolflowProcess.RunAsync("run", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("failed", run.Document["status"]!.GetValue<string>());
        Assert.Equal("definition.invalid", run.Document["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_delay_really_sleeps_and_an_approval_fails_clearly()
    {
        // wait(300 ms)     past(until 2000-01-01)     ask(approval)
        var file = ToolflowProcess.WriteTemp("""
            { "name": "waits", "nodes": [
              { "id": "wait", "tool": "flow.delay", "config": { "durationMs": 300 } },
              { "id": "past", "tool": "flow.delay", "config": { "until": "2000-01-01T00:00:00Z" } },
              { "id": "ask", "tool": "flow.approval", "config": { "message": "ok?" } } ],
              "edges": [ { "source": "wait", "target": "ask" } ] }
            """);
        var run = await ToolflowProcess.RunAsync("run", file);
        Assert.Equal(1, run.ExitCode);
        var doc = run.Document;
        Assert.True(doc["nodes"]!["wait"]!["output"]!["waitedMs"]!.GetValue<long>() >= 300);
        Assert.Equal(0, doc["nodes"]!["past"]!["output"]!["waitedMs"]!.GetValue<long>());
        Assert.Equal("failed", doc["nodes"]!["ask"]!["status"]!.GetValue<string>());
        Assert.Contains("approval", doc["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>As <c>POST /workflows/{id}/execute</c> does, the input is checked against <c>inputSchema</c> before anything runs.</summary>
    [Theory]
    [InlineData("""{"n": "x"}""", "/input/n")]
    [InlineData("{}", "/input")]
    [InlineData("[1]", "/input")]
    public async Task An_input_that_breaks_the_input_schema_exits_1_and_runs_nothing(string input, string pointer)
    {
        var file = ToolflowProcess.WriteTemp("""
            { "name": "typed", "inputSchema": { "type": "object", "properties": { "n": { "type": "integer" } }, "required": ["n"] },
              "nodes": [ { "id": "double", "tool": "code.javascript", "config": { "code": "return input.n * 2;" } } ], "edges": [] }
            """);
        var run = await ToolflowProcess.RunAsync("run", file, "--input", input);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("failed", run.Document["status"]!.GetValue<string>());
        Assert.Equal("input.invalid", run.Document["error"]!["code"]!.GetValue<string>());
        Assert.Contains(run.Document["error"]!["problems"]!.AsArray(), p => p!["pointer"]!.GetValue<string>() == pointer);
        Assert.Empty(run.Document["nodes"]!.AsObject());
    }

    /// <summary>The code runs as an async function body; a thrown error is reported as itself, not as Jint's "Promise was rejected with value …".</summary>
    [Fact]
    public async Task A_code_node_that_throws_reports_the_error_message()
    {
        var file = ToolflowProcess.WriteTemp("""
            { "name": "throws", "nodes": [
              { "id": "check", "tool": "code.javascript", "config": { "code": "throw new Error('the order has no lines');" } },
              { "id": "reject", "tool": "code.javascript", "onError": "continue", "config": { "code": "throw 'plain text';" } } ], "edges": [] }
            """);
        var run = await ToolflowProcess.RunAsync("run", file);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("Error: the order has no lines", run.Document["nodes"]!["check"]!["error"]!["message"]!.GetValue<string>());
        Assert.Equal("plain text", run.Document["nodes"]!["reject"]!["error"]!["message"]!.GetValue<string>());
    }

    /// <summary>
    /// The sandbox's memory limit bounds what a script holds, not what it allocates (docs/tools.md): a long
    /// numeric loop, which allocates hundreds of MiB of garbage under Jint's counting, runs to its end; a script
    /// that keeps what it builds fails with the limit, not retried.
    /// </summary>
    [Fact]
    public async Task A_long_loop_runs_and_a_script_holding_more_than_the_limit_says_holds()
    {
        var file = ToolflowProcess.WriteTemp("""
            { "name": "loop", "nodes": [
              { "id": "sum", "tool": "code.javascript", "config": { "code": "let x = 0; for (let i = 0; i < 3000000; i++) { x += i; } return x;" } },
              { "id": "hoard", "tool": "code.javascript", "onError": "continue",
                "config": { "code": "const a = []; for (let i = 0; i < 100000; i++) a.push('x'.repeat(1000) + i); return a.length;" } } ], "edges": [] }
            """);
        var run = await ToolflowProcess.RunAsync("run", file);
        Assert.Equal("completed", run.Document["nodes"]!["sum"]!["status"]!.GetValue<string>());
        Assert.Equal(4499998500000, run.Document["nodes"]!["sum"]!["output"]!.GetValue<long>());
        var error = run.Document["nodes"]!["hoard"]!["error"]!;
        Assert.Equal("code.limit_exceeded", error["code"]!.GetValue<string>());
        Assert.StartsWith("holds more than the memory limit of 64 MiB", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1, run.Document["nodes"]!["hoard"]!["attempts"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_json_document_that_is_not_a_definition_exits_1_with_a_document()
    {
        var run = await ToolflowProcess.RunAsync("run", ToolflowProcess.WriteTemp("""{ "name": "x", "nodes": [], "bogus": 1 }"""));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("definition.invalid", run.Document["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_retry_policy_applies_to_flow_fail_unless_it_says_not_retryable()
    {
        // again(flow.fail, retry 3)     once(flow.fail, retryable false, retry 3, continue)
        var file = ToolflowProcess.WriteTemp("""
            { "name": "retries", "nodes": [
              { "id": "once", "tool": "flow.fail", "onError": "continue", "retry": { "maxAttempts": 3, "initialDelayMs": 10 }, "config": { "message": "no", "retryable": false } },
              { "id": "again", "tool": "flow.fail", "retry": { "maxAttempts": 3, "backoff": "exponential", "initialDelayMs": 10 }, "config": { "message": "still failing" } } ],
              "edges": [ { "source": "once", "target": "again" } ] }
            """);
        var run = await ToolflowProcess.RunAsync("run", file);
        Assert.Equal(1, run.ExitCode);
        var doc = run.Document;
        Assert.Equal(1, doc["nodes"]!["once"]!["attempts"]!.GetValue<int>());
        Assert.Equal(3, doc["nodes"]!["again"]!["attempts"]!.GetValue<int>());
        Assert.Equal("still failing", doc["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_code_node_that_awaits_runs_and_one_that_reads_a_parallel_node_is_refused()
    {
        // The body is an async function, so `await` passes validation and runs; an expression may read
        // only nodes upstream of its own node (a parallel one may not have ended yet).
        var ok = ToolflowProcess.WriteTemp("""
            { "name": "await", "nodes": [
              { "id": "wait", "tool": "code.javascript", "config": { "code": "const n = await Promise.resolve(input.n);\nreturn n + 1;" } } ] }
            """);
        var run = await ToolflowProcess.RunAsync("run", ok, "--input", """{"n": 41}""");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(42, run.Document["output"]!["wait"]!.GetValue<int>());

        var racy = ToolflowProcess.WriteTemp("""
            { "name": "racy", "nodes": [
              { "id": "a", "tool": "data.set", "config": { "values": { "x": 1 } } },
              { "id": "b", "tool": "data.set", "config": { "values": { "y": "{{ nodes.a.output.x }}" } } } ] }
            """);
        run = await ToolflowProcess.RunAsync("run", racy);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("definition.invalid", run.Document["error"]!["code"]!.GetValue<string>());
        Assert.Contains("/nodes/1/config/values/y: refers to node 'a', which is not upstream of 'b'", run.Document["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    public async Task A_parallelism_limit_out_of_range_exits_2_naming_the_key(string value)
    {
        var file = ToolflowProcess.WriteTemp("""{ "name": "one", "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": { "x": 1 } } } ] }""");
        var run = await ToolflowProcess.RunAsync(new Dictionary<string, string> { ["TOOLFLOW__Engine__MaxParallelNodes"] = value }, "run", file);
        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Contains("Engine:MaxParallelNodes", run.Stderr, StringComparison.Ordinal);

        run = await ToolflowProcess.RunAsync(new Dictionary<string, string> { ["TOOLFLOW__Engine__MaxParallelNodes"] = "1" }, "run", file);
        Assert.Equal(0, run.ExitCode);
    }
}
