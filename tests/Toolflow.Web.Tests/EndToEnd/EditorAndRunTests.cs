using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>Build a workflow on the canvas, run it from the generated input form and watch it live.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EditorAndRunTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task CreateOnTheCanvas_SaveWithValidation_RunFromTheInputForm_WatchItComplete()
    {
        var page = await fixture.SignedInPageAsync();
        await page.ClickAsync("text=New workflow");
        await page.FillAsync("#new-name", "Greeting");
        await page.ClickAsync("text=Create and open");
        var id = (await page.WaitForIdPathAsync("workflows")).ToString();

        // A node whose required config is missing: the save is refused and the node and field say why.
        await page.SelectOptionAsync("#add-tool", "data.template");
        await page.ClickAsync("[data-testid=add-node]");
        await page.ClickAsync("[data-testid=save]");
        await page.WaitForSelectorAsync("[data-testid=node-template].invalid");
        await page.WaitForSelectorAsync("#config-template-error");
        await BrowserFixture.ScreenshotAsync(page, "04-editor-validation");

        await page.FillAsync("#config-template", "Hello {{ input.who }}");
        await page.PressAsync("#config-template", "Tab");
        await page.ClickAsync("[data-testid=add-node]");
        await page.WaitForSelectorAsync("[data-testid=node-template_2]");
        await page.FillAsync("#config-template", "{{ nodes.template.output.text }}!");
        await page.PressAsync("#config-template", "Tab");

        // Connect output → input, then drag the second node down.
        await page.ClickAsync("[data-testid=port-out-template]");
        await page.ClickAsync("[data-testid=port-in-template_2]");
        await page.WaitForSelectorAsync("[data-testid=edge-template-template_2]", new() { State = WaitForSelectorState.Attached });
        var box = (await page.Locator("[data-testid=node-template_2] rect").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + 60, box.Y + 30);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 60, box.Y + 90, new MouseMoveOptions { Steps = 6 });
        await page.Mouse.MoveAsync(box.X + 60, box.Y + 150, new MouseMoveOptions { Steps = 6 });
        await page.Mouse.UpAsync();

        await page.ClickAsync("role=tab[name='Workflow']");
        await page.FillAsync("#wf-input-schema", """{"type":"object","properties":{"who":{"type":"string","description":"Whom to greet"}},"required":["who"]}""");
        await page.PressAsync("#wf-input-schema", "Tab");
        await page.ClickAsync("[data-testid=save]");
        await page.WaitForSelectorAsync("text=Saved as version");
        await BrowserFixture.ScreenshotAsync(page, "03-editor");

        using (var api = fixture.Server.Api())
        {
            var saved = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/workflows/{id}"))!;
            var nodes = saved["nodes"]!.AsArray();
            Assert.Equal(["template", "template_2"], nodes.Select(n => n!["id"]!.GetValue<string>()));
            Assert.Equal("Hello {{ input.who }}", nodes[0]!["config"]!["template"]!.GetValue<string>());
            var edge = Assert.Single(saved["edges"]!.AsArray());
            Assert.Equal(("template", "template_2"), (edge!["source"]!.GetValue<string>(), edge["target"]!.GetValue<string>()));
            Assert.True(nodes[1]!["position"]!["y"]!.GetValue<double>() >= nodes[0]!["position"]!["y"]!.GetValue<double>() + 100, "the dragged node moved down");
        }

        // Run: the form comes from inputSchema; the live view follows the execution to the end.
        await page.ClickAsync("a:has-text('Run')");
        await page.WaitForSelectorAsync("#input-who");
        await page.FillAsync("#input-who", "Ada");
        await page.PressAsync("#input-who", "Tab");
        await BrowserFixture.ScreenshotAsync(page, "05-run-form");
        await page.ClickAsync("[data-testid=run]");
        await page.WaitForIdPathAsync("executions");
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-completed", new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("[data-testid=node-template_2][data-status=completed]");
        Assert.Equal("100", await page.GetAttributeAsync("[data-testid=progress]", "aria-valuenow"));

        await page.ClickAsync("[data-testid=node-template_2] rect");
        var output = await page.TextContentAsync("[data-testid=node-output]");
        Assert.Contains("Hello Ada!", output, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "06-execution-completed");

        await page.GotoAsync(fixture.Server.Url($"/workflows/{id}/executions"));
        await page.WaitForSelectorAsync("table.list .status-completed");
        await BrowserFixture.ScreenshotAsync(page, "07-execution-history");
        await page.GotoAsync(fixture.Server.Url("/"));
        await page.WaitForSelectorAsync("text=Greeting");
        await BrowserFixture.ScreenshotAsync(page, "02-workflows");
    }

    [BrowserFact]
    public async Task PauseAndResume_ASlowWorkflow_FromTheLiveView()
    {
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Slow", "nodes": [
                { "id": "wait", "tool": "flow.delay", "config": { "durationMs": 4000 } },
                { "id": "done", "tool": "data.template", "config": { "template": "done" } } ],
              "edges": [ { "source": "wait", "target": "done" } ] }
            """);
        using var api = fixture.Server.Api();
        using var started = await api.PostAsJsonAsync($"/api/v1/workflows/{workflow["id"]}/execute", new { input = new { } });
        var execution = (await started.Content.ReadFromJsonAsync<JsonObject>())!;

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/executions/{execution["id"]}"));
        await page.WaitForSelectorAsync("[data-testid=pause]:not([disabled])");
        await page.ClickAsync("[data-testid=pause]");
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-paused", new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("[data-testid=resume]:not([disabled])");
        await BrowserFixture.ScreenshotAsync(page, "08-execution-paused");
        Assert.Equal("pending", await page.GetAttributeAsync("[data-testid=node-done]", "data-status"));

        await page.ClickAsync("[data-testid=resume]");
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-completed", new() { Timeout = 30_000 });
        await page.WaitForSelectorAsync("[data-testid=node-done][data-status=completed]");
    }

    [BrowserFact]
    public async Task Approve_WithAPayload_FromTheLiveView_CompletesTheRun()
    {
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Needs a yes", "nodes": [
                { "id": "ask", "tool": "flow.approval", "config": { "message": "ship it?" } },
                { "id": "done", "tool": "data.template", "config": { "template": "approved={{ nodes.ask.output.approved }} by {{ nodes.ask.output.by }}" } } ],
              "edges": [ { "source": "ask", "target": "done" } ] }
            """);
        using var api = fixture.Server.Api();
        using var started = await api.PostAsJsonAsync($"/api/v1/workflows/{workflow["id"]}/execute", new { input = new { } });
        var execution = (await started.Content.ReadFromJsonAsync<JsonObject>())!;

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/executions/{execution["id"]}"));
        await page.WaitForSelectorAsync("[data-testid=approve]:not([disabled])", new() { Timeout = 30_000 });
        await page.FillAsync("#approve-payload", """{"by":"ada"}""");
        await page.ClickAsync("[data-testid=approve]");
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-completed", new() { Timeout = 30_000 });

        using var final = await api.GetAsync($"/api/v1/executions/{execution["id"]}");
        var body = (await final.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal("approved=true by ada", body["output"]!["done"]!["text"]!.GetValue<string>());
    }

    [BrowserFact]
    public async Task SavingAfterSomeoneElseSaved_SaysSo_AndReloadShowsTheirVersion()
    {
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Shared edit", "nodes": [ { "id": "a", "tool": "data.template", "config": { "template": "x" } } ], "edges": [] }
            """);
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{workflow["id"]}"));
        await page.WaitForSelectorAsync("[data-testid=node-a]");

        using (var api = fixture.Server.Api())
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/workflows/{workflow["id"]}")
            {
                Content = JsonContent.Create(JsonNode.Parse("""{ "name": "Renamed elsewhere", "nodes": [ { "id": "a", "tool": "data.template", "config": { "template": "y" } } ], "edges": [] }""")),
            };
            request.Headers.TryAddWithoutValidation("If-Match", "1");
            using var response = await api.SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        await page.ClickAsync("role=tab[name='Workflow']");
        await page.FillAsync("#wf-name", "My rename");
        await page.PressAsync("#wf-name", "Tab");
        await page.ClickAsync("[data-testid=save]");
        await page.WaitForSelectorAsync("[data-testid=conflict]");
        await BrowserFixture.ScreenshotAsync(page, "09-editor-conflict");

        await page.ClickAsync("text=Reload the latest version");
        await page.WaitForSelectorAsync("h1:has-text('Renamed elsewhere')");
        Assert.Equal(0, await page.Locator("[data-testid=conflict]").CountAsync());
    }

    [BrowserFact]
    public async Task TheCanvas_WorksFromTheKeyboard_ConnectMoveAndDeleteAnEdge()
    {
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Keyboard", "nodes": [
                { "id": "a", "tool": "data.template", "config": { "template": "a" } },
                { "id": "b", "tool": "data.template", "config": { "template": "b" } } ], "edges": [] }
            """);
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{workflow["id"]}"));
        await page.WaitForSelectorAsync("[data-testid=node-b]");

        await page.FocusAsync("[data-testid=port-out-a]");
        await page.Keyboard.PressAsync("Enter");
        await page.FocusAsync("[data-testid=port-in-b]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-testid=edge-a-b]", new() { State = WaitForSelectorState.Attached });

        var before = await page.GetAttributeAsync("[data-testid=node-b]", "transform");
        await page.FocusAsync("[data-testid=node-b] rect");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.WaitForFunctionAsync($"() => document.querySelector('[data-testid=node-b]').getAttribute('transform') !== '{before}'");

        await page.FocusAsync("[data-testid=edge-a-b]");
        await page.Keyboard.PressAsync("Delete");
        await page.WaitForSelectorAsync("[data-testid=edge-a-b]", new() { State = WaitForSelectorState.Detached });
    }
}
