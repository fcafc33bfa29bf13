namespace Toolflow.Core.Tests.Import;

public sealed class FlowMappingTests
{
    private const string IfV2 = """
        {"conditions": {"combinator": "and", "conditions": [
          {"leftValue": "={{ $json.count }}", "rightValue": 3, "operator": {"type": "number", "operation": "gt"}},
          {"leftValue": "={{ $json.name }}", "rightValue": "bob", "operator": {"type": "string", "operation": "equals"}}]}}
        """;

    [Fact]
    public void If_BecomesConditionWithTrueAndFalseBranches()
    {
        var definition = new N8nDoc().Node("Data", "set", """{"values": {"number": [{"name": "count", "value": 4}]}}""")
            .Node("Check", "if", IfV2, 2.2).Node("Yes", "noOp").Node("No", "noOp")
            .Connect("Data", "Check").Connect("Check", "Yes", 0).Connect("Check", "No", 1).Convert().Sound();
        Assert.Equal("flow.condition", definition.Node("Check").Tool);
        Assert.Equal(
            "{{ (Number((nodes.Data.output.count)) > Number(3)) && (((nodes.Data.output.name)) == (\"bob\")) }}",
            definition.Text("Check", "expression"));
        Assert.Contains(definition.Edges, e => e.Target == "Yes" && e.Branch == "true");
        Assert.Contains(definition.Edges, e => e.Target == "No" && e.Branch == "false");
    }

    [Fact]
    public void IfV1_StringConditions_AreTranslated()
    {
        var definition = new N8nDoc().Node("Check", "if", """{"conditions": {"string": [{"value1": "={{ $json.ext }}", "operation": "contains", "value2": "pdf"}]}}""")
            .Convert().Sound();
        Assert.Contains("String((input.ext)).includes", definition.Text("Check", "expression"), StringComparison.Ordinal);
    }

    [Fact]
    public void ItemAfterIf_IsTheIfsInput()
    {
        var definition = new N8nDoc().Node("Call", "httpRequest", """{"url": "https://example.org"}""", 4.2)
            .Node("Check", "if", IfV2, 2.2).Node("Use", "set", """{"values": {"string": [{"name": "id", "value": "={{ $json.id }}"}]}}""")
            .Connect("Call", "Check").Connect("Check", "Use").Convert().Sound();
        Assert.Equal("""{"id":"{{ nodes.Call.output.body.id }}"}""", definition.Config("Use", "values"));
    }

    [Fact]
    public void SwitchV3_BecomesSwitchWithCasesAndDefault()
    {
        var rules = """
            {"rules": {"values": [
              {"outputKey": "big", "conditions": {"conditions": [{"leftValue": "={{ $json.n }}", "rightValue": 10, "operator": {"type": "number", "operation": "gt"}}]}},
              {"outputKey": "small", "conditions": {"conditions": [{"leftValue": "={{ $json.n }}", "rightValue": 10, "operator": {"type": "number", "operation": "lte"}}]}}]},
             "options": {"fallbackOutput": "extra"}}
            """;
        var definition = new N8nDoc().Node("Route", "switch", rules, 3.2).Node("A", "noOp").Node("B", "noOp").Node("C", "noOp")
            .Connect("Route", "A", 0).Connect("Route", "B", 1).Connect("Route", "C", 2).Convert().Sound();
        Assert.Equal("""["big","small"]""", definition.Config("Route", "cases"));
        Assert.Equal(["big", "small", "default"], definition.Edges.Select(e => e.Branch));
    }

    [Fact]
    public void SwitchV1_OutputIndicesBecomeCases()
    {
        var rules = """{"dataType": "string", "value1": "={{ $json.kind }}", "rules": {"rules": [{"value2": "a"}, {"value2": "b", "output": 1}]}, "fallbackOutput": 2}""";
        var definition = new N8nDoc().Node("Route", "switch", rules).Node("A", "noOp").Node("Other", "noOp")
            .Connect("Route", "A", 0).Connect("Route", "Other", 2).Convert().Sound();
        Assert.Equal("""["0","1"]""", definition.Config("Route", "cases"));
        Assert.Equal(["0", "default"], definition.Edges.Select(e => e.Branch));
    }

    [Fact]
    public void Merge_BecomesFlowMergeWithAWarning()
    {
        var result = new N8nDoc().Node("A", "noOp").Node("B", "noOp").Node("Join", "merge", """{"mode": "append"}""", 3)
            .Connect("A", "Join").Connect("B", "Join").Convert();
        Assert.Equal("flow.merge", result.Sound().Node("Join").Tool);
        Assert.Equal(2, result.Sound().Edges.Count);
        Assert.Contains(result.Entry("Join").Warnings, w => w.Contains("keyed", StringComparison.Ordinal) || w.Contains("parent id", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"unit": "minutes", "amount": 2}""", "flow.delay", "durationMs", "120000")]
    [InlineData("""{"amount": 1.5}""", "flow.delay", "durationMs", "5400000")]
    [InlineData("""{"resume": "webhook"}""", "flow.approval", "message", null)]
    public void Wait_BecomesDelayOrApproval(string parameters, string tool, string field, string? value)
    {
        var definition = new N8nDoc().Node("Pause", "wait", parameters, 1.1).Convert().Sound();
        Assert.Equal(tool, definition.Node("Pause").Tool);
        if (value is not null)
        {
            Assert.Equal(value, definition.Config("Pause", field));
        }
    }

    [Fact]
    public void NoOp_BecomesEmptyDataSet()
    {
        var definition = new N8nDoc().Node("Nothing", "noOp").Convert().Sound();
        Assert.Equal(("data.set", """{"values":{}}"""), (definition.Node("Nothing").Tool, definition.Node("Nothing").Config!.ToJsonString()));
    }

    [Fact]
    public void ExecuteWorkflow_BecomesSubworkflowWithTheItemAsInput()
    {
        var definition = new N8nDoc().Node("Child", "executeWorkflow", """{"workflowId": {"__rl": true, "value": "abc", "mode": "id"}}""", 1.1)
            .Convert().Sound();
        Assert.Equal("flow.subworkflow", definition.Node("Child").Tool);
        Assert.Equal("\"abc\"", definition.Config("Child", "workflowId"));
        Assert.Equal("\"{{ input }}\"", definition.Config("Child", "input"));
    }

    [Fact]
    public void RespondToWebhook_BecomesTheWorkflowOutput()
    {
        var definition = new N8nDoc().Node("Hook", "webhook", """{"responseMode": "responseNode"}""", 2)
            .Node("Reply", "respondToWebhook", """{"respondWith": "json", "responseBody": "={ \"ok\": {{ $json.body.ok }} }"}""", 1.1)
            .Connect("Hook", "Reply").Convert().Sound();
        Assert.Equal("{{ nodes.Reply.output.body }}", definition.Output);
        Assert.Equal("""{{ ((v) => typeof v === 'string' ? JSON.parse(v) : v)(("" + "{ \"ok\": " + (input.ok) + " }")) }}""",
            definition.Node("Reply").Config!["values"]!["body"]!.GetValue<string>());
    }

    [Fact]
    public void SplitOut_PutsForEachOnTheNextNode()
    {
        var definition = new N8nDoc().Node("Get", "httpRequest", """{"url": "https://example.org"}""", 4.2)
            .Node("Split", "splitOut", """{"fieldToSplitOut": "data.items"}""")
            .Node("Each", "set", """{"values": {"string": [{"name": "id", "value": "={{ $json.id }}"}]}}""")
            .Connect("Get", "Split").Connect("Split", "Each").Convert().Sound();
        Assert.Equal("""{"items":"{{ nodes.Get.output.body.data.items }}"}""", definition.Config("Split", "values"));
        Assert.Equal("{{ nodes.Split.output.items }}", definition.Node("Each").ForEach);
        Assert.Equal("""{"id":"{{ item.id }}"}""", definition.Config("Each", "values"));
    }

    [Fact]
    public void PerItemChain_ContinuesThroughFollowingNodes()
    {
        var definition = new N8nDoc().Node("Split", "splitOut", """{"fieldToSplitOut": "rows"}""")
            .Node("Each", "httpRequest", """{"url": "=https://x.org/{{ $json.id }}"}""", 4.2)
            .Node("After", "set", """{"values": {"string": [{"name": "v", "value": "={{ $json.name }} {{ $('Split').item.json.id }}"}]}}""")
            .Connect("Split", "Each").Connect("Each", "After").Convert().Sound();
        Assert.Equal("{{ nodes.Split.output.items }}", definition.Node("Each").ForEach);
        Assert.Equal("{{ nodes.Each.output }}", definition.Node("After").ForEach);
        Assert.Equal("""{"v":"{{ item.body.name }} {{ nodes.Split.output.items[index].id }}"}""", definition.Config("After", "values"));
    }

    [Fact]
    public void ItemOfAPerItemNode_ReadFromOutsideTheChain_IsReported()
    {
        var result = new N8nDoc().Node("Split", "splitOut", """{"fieldToSplitOut": "rows"}""")
            .Node("Each", "httpRequest", """{"url": "=https://x.org/{{ $json.id }}"}""", 4.2)
            .Node("Check", "if", """{"conditions": {"string": [{"value1": "={{ $json.name }}", "value2": "x"}]}}""")
            .Connect("Split", "Each").Connect("Each", "Check").Convert();
        Assert.Contains("runs once per split-out item", result.Entry("Check").Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("combine", "{{ Object.assign({}, nodes.A.output, nodes.B.output.body).x }}")]
    [InlineData("chooseBranch", "{{ nodes.A.output.x }}")]
    [InlineData("append", null)]
    public void ItemAfterMerge_IsRewrittenFromItsInputsOrReported(string mode, string? expected)
    {
        var result = new N8nDoc().Node("A", "set", "{}").Node("B", "httpRequest", """{"url": "https://x.org"}""", 4.2)
            .Node("Join", "merge", $$"""{"mode": "{{mode}}"}""", 3)
            .Node("Use", "set", """{"values": {"string": [{"name": "v", "value": "={{ $json.x }}"}]}}""")
            .Connect("A", "Join").Connect("B", "Join", input: 1).Connect("Join", "Use").Convert();
        if (expected is null)
        {
            Assert.Contains("several items", result.Entry("Use").Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(expected, result.Sound().Node("Use").Config!["values"]!["v"]!.GetValue<string>());
        }
    }
}
