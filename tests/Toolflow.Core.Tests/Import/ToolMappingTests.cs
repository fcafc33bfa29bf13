using Toolflow.Core.Import.Report;

namespace Toolflow.Core.Tests.Import;

public sealed class ToolMappingTests
{
    [Fact]
    public void HttpRequestV4_MapsMethodQueryHeadersAndJsonBody()
    {
        var parameters = """
            {"method": "POST", "url": "=https://api.example.org/{{ $json.id }}", "sendQuery": true,
             "queryParameters": {"parameters": [{"name": "q", "value": "x"}]}, "sendHeaders": true,
             "headerParameters": {"parameters": [{"name": "X-Key", "value": "k"}]}, "sendBody": true, "specifyBody": "json",
             "jsonBody": "{\"a\": 1}", "options": {"timeout": 5000}}
            """;
        var definition = new N8nDoc().Node("Call", "httpRequest", parameters, 4.2).Convert().Sound();
        var config = definition.Node("Call").Config!;
        Assert.Equal("""{"method":"POST","url":"https://api.example.org/{{ input.id }}","query":{"q":"x"},"headers":{"X-Key":"k"},"body":{"a":1},"bodyType":"json","timeoutMs":5000}""",
            config.ToJsonString(ResultExtensions.Relaxed));
    }

    [Fact]
    public void HttpRequestV1_MapsLegacyShape()
    {
        var parameters = """{"requestMethod": "PUT", "url": "https://example.org", "bodyParametersUi": {"parameter": [{"name": "a", "value": "b"}]}}""";
        var config = new N8nDoc().Node("Call", "httpRequest", parameters).Convert().Sound().Node("Call").Config!;
        Assert.Equal("""{"method":"PUT","url":"https://example.org","body":{"a":"b"}}""", config.ToJsonString(ResultExtensions.Relaxed));
    }

    [Fact]
    public void HttpRequest_TextResponseData_IsTheBody()
    {
        var definition = new N8nDoc().Node("Page", "httpRequest", """{"url": "https://x.org", "options": {"response": {"response": {"responseFormat": "text"}}}}""", 4.2)
            .Node("Use", "set", """{"values": {"string": [{"name": "html", "value": "={{ $json.data }}"}]}}""")
            .Connect("Page", "Use").Convert().Sound();
        Assert.Equal("""{"html":"{{ nodes.Page.output.body }}"}""", definition.Config("Use", "values"));
    }

    [Fact]
    public void HttpRequest_MultipartBody_IsReported()
    {
        var result = new N8nDoc().Node("Upload", "httpRequest", """{"url": "https://x.org", "sendBody": true, "contentType": "multipart-form-data"}""", 4.2).Convert();
        Assert.Equal(UnconvertedKind.UnsupportedParameters, result.Entry("Upload").Kind);
    }

    [Fact]
    public void SetV34_KeepsTypesAndRewritesExpressions()
    {
        var parameters = """
            {"assignments": {"assignments": [
              {"name": "n", "type": "number", "value": "42"}, {"name": "b", "type": "boolean", "value": "true"},
              {"name": "s", "type": "string", "value": "={{ $now }}"}, {"name": "lit", "type": "string", "value": "{{ not an expression }}"}]}}
            """;
        var definition = new N8nDoc().Node("Fields", "set", parameters, 3.4).Convert().Sound();
        Assert.Equal("""{"n":42,"b":true,"s":"{{ new Date().toISOString() }}","lit":"{{ \"{{\" }} not an expression }}"}""",
            definition.Node("Fields").Config!["values"]!.ToJsonString(ResultExtensions.Relaxed));
    }

    [Fact]
    public void EmailSend_MapsToEmailSend()
    {
        var parameters = """{"toEmail": "={{ $json.to }}", "subject": "Hi", "html": "<b>x</b>", "fromEmail": "me@x.org"}""";
        var result = new N8nDoc().Node("Mail", "emailSend", parameters, 2.1, """{"credentials": {"smtp": {"id": "1", "name": "SMTP main"}}}""").Convert();
        var definition = result.Sound();
        Assert.Equal("""{"to":"{{ input.to }}","subject":"Hi","body":"<b>x</b>"}""", definition.Node("Mail").Config!.ToJsonString(ResultExtensions.Relaxed));
        Assert.Equal("SMTP main", definition.Node("Mail").Credential);
        Assert.Contains(result.Entry("Mail").Warnings, w => w.Contains("sender", StringComparison.Ordinal));
    }

    [Fact]
    public void Postgres_InterpolationsBecomeParameters()
    {
        var parameters = """{"operation": "executeQuery", "query": "=SELECT * FROM t WHERE id = '{{ $json.id }}' AND n > {{ $json.n }}"}""";
        var config = new N8nDoc().Node("Db", "postgres", parameters, 2.5).Convert().Sound().Node("Db").Config!;
        Assert.Equal("""{"sql":"SELECT * FROM t WHERE id = @p1 AND n > @p2","parameters":{"p1":"{{ input.id }}","p2":"{{ input.n }}"}}""", config.ToJsonString(ResultExtensions.Relaxed));
    }

    [Fact]
    public void Code_IsWrappedWithItemHelpers()
    {
        var code = "for (const item of $input.all()) { item.json.x = 1; }\nreturn $input.all();";
        var definition = new N8nDoc().Node("Call", "httpRequest", """{"url": "https://x.org"}""", 4.2)
            .Node("Code", "code", System.Text.Json.JsonSerializer.Serialize(new { jsCode = code }), 2).Connect("Call", "Code").Convert().Sound();
        var wrapped = definition.Text("Code", "code");
        Assert.Contains("const __source = nodes.Call.output.body;", wrapped, StringComparison.Ordinal);
        Assert.Contains(code, wrapped, StringComparison.Ordinal);
        Assert.Contains("__unwrap", wrapped, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("return [{ json: $getWorkflowStaticData('global') }];")]
    [InlineData("const b = items[0].binary; return items;")]
    public void Code_WithN8nOnlyHelpers_IsReported(string code)
    {
        var result = new N8nDoc().Node("Code", "code", System.Text.Json.JsonSerializer.Serialize(new { jsCode = code }), 2).Convert();
        Assert.Equal(UnconvertedKind.ExpressionWithoutEquivalent, result.Entry("Code").Kind);
    }

    [Fact]
    public void ChainWithChatModel_BecomesLlmChatWithTheModelFolded()
    {
        var result = new N8nDoc()
            .Node("Chain", "@n8n/n8n-nodes-langchain.chainLlm", """{"promptType": "define", "text": "=Summarise {{ $json.text }}", "messages": {"messageValues": [{"message": "Be brief"}]}}""", 1.5)
            .Node("Model", "@n8n/n8n-nodes-langchain.lmChatOpenAi", """{"model": {"__rl": true, "value": "gpt-4o-mini"}, "options": {"temperature": 0.2}}""", 1.2,
                """{"credentials": {"openAiApi": {"id": "1", "name": "OpenAI"}}}""")
            .Connect("Model", "Chain", 0, "ai_languageModel").Convert();
        var node = result.Sound().Node("Chain");
        Assert.Equal("llm.chat", node.Tool);
        Assert.Equal("""{"provider":"openai","model":"gpt-4o-mini","temperature":0.2,"prompt":"Summarise {{ input.text }}","system":"Be brief"}""", node.Config!.ToJsonString(ResultExtensions.Relaxed));
        Assert.Equal("OpenAI", node.Credential);
        Assert.Equal((NodeOutcome.Folded, "Chain"), (result.Entry("Model").Outcome, result.Entry("Model").NodeId));
    }

    [Fact]
    public void AgentWithTools_IsReportedWithItsAiConnections()
    {
        var result = new N8nDoc().Node("Agent", "@n8n/n8n-nodes-langchain.agent", "{}", 1.7)
            .Node("Model", "@n8n/n8n-nodes-langchain.lmChatOpenAi", "{}", 1.2).Node("Search", "@n8n/n8n-nodes-langchain.toolSerpApi")
            .Connect("Model", "Agent", 0, "ai_languageModel").Connect("Search", "Agent", 0, "ai_tool").Convert(placeholders: true);
        Assert.Equal(UnconvertedKind.AiSubNode, result.Entry("Agent").Kind);
        Assert.Contains("ai_tool from 'Search'", result.Entry("Agent").Reason, StringComparison.Ordinal);
        Assert.Equal(UnconvertedKind.AiSubNode, result.Entry("Search").Kind);
        Assert.Equal(["Agent"], result.Sound().Nodes.Select(n => n.Id));
    }

    [Fact]
    public void OpenAiMessage_BecomesLlmChatAndItsContentIsText()
    {
        var definition = new N8nDoc()
            .Node("Ask", "@n8n/n8n-nodes-langchain.openAi", """{"modelId": {"__rl": true, "value": "gpt-4o"}, "messages": {"values": [{"content": "Hello"}]}}""", 1.8)
            .Node("Use", "set", """{"values": {"string": [{"name": "answer", "value": "={{ $json.message.content }}"}]}}""")
            .Connect("Ask", "Use").Convert().Sound();
        Assert.Equal("""{"provider":"openai","model":"gpt-4o","messages":[{"role":"user","content":"Hello"}]}""", definition.Node("Ask").Config!.ToJsonString(ResultExtensions.Relaxed));
        Assert.Equal("""{"answer":"{{ nodes.Ask.output.text }}"}""", definition.Config("Use", "values"));
    }
}
