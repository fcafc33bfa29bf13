using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>
/// The node settings a definition has beyond its config: which credential it uses and what happens when it
/// fails. Without them in the editor, a workflow that mails or queries a database cannot be finished in the UI.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NodeSettingsTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task ANode_GetsItsCredentialAndErrorHandling_FromTheEditor()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        using var api = fixture.Server.Api();
        using (var credential = await api.PostAsJsonAsync("/api/v1/credentials", JsonNode.Parse($$"""
            { "name": "smtp-{{marker}}", "type": "smtp", "data": { "host": "mail.example.org", "username": "u", "password": "p" } }
            """)))
        {
            credential.EnsureSuccessStatusCode();
        }

        var workflow = await fixture.Server.CreateWorkflowAsync($$"""
            { "name": "Mail {{marker}}", "nodes": [ { "id": "mail", "tool": "email.send",
              "config": { "to": "me@example.org", "subject": "Hi", "body": "Hello" } } ], "edges": [] }
            """);
        var id = (string)workflow["id"]!;

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{id}"));
        await page.ClickAsync("[data-testid=node-mail] rect");
        await page.WaitForSelectorAsync($"#node-credential option[value='smtp-{marker}']", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#node-credential", $"smtp-{marker}");
        await page.SelectOptionAsync("#node-onerror", "continue");
        await page.ClickAsync("[data-testid=save]");
        await page.WaitForSelectorAsync("text=Saved as version");

        var saved = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/workflows/{id}"))!;
        var node = saved["nodes"]![0]!;
        Assert.Equal($"smtp-{marker}", (string?)node["credential"]);
        Assert.Equal("continue", (string?)node["onError"]);

        // Reopened, the editor shows what was saved, and "(none)" takes the credential off again.
        await page.ReloadAsync();
        await page.ClickAsync("[data-testid=node-mail] rect");
        await page.WaitForSelectorAsync($"#node-credential option[value='smtp-{marker}']", new() { State = Microsoft.Playwright.WaitForSelectorState.Attached });
        Assert.Equal($"smtp-{marker}", await page.InputValueAsync("#node-credential"));
        Assert.Equal("continue", await page.InputValueAsync("#node-onerror"));
        await page.SelectOptionAsync("#node-credential", "");
        await page.ClickAsync("[data-testid=save]");
        await page.WaitForSelectorAsync("text=Saved as version 3");
        saved = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/workflows/{id}"))!;
        Assert.Null(saved["nodes"]![0]!["credential"]);
    }

    [BrowserFact]
    public async Task AToolInstance_IsAddedAsANode_AndItsConfigRuns()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        using var api = fixture.Server.Api();
        using var created = await api.PostAsJsonAsync("/api/v1/tool-instances", JsonNode.Parse($$$"""
            { "tool": "data.template", "name": "Greeter {{{marker}}}", "config": { "template": "Hello from the instance, {{ input.who }}" } }
            """));
        created.EnsureSuccessStatusCode();
        var instanceId = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var workflow = await fixture.Server.CreateWorkflowAsync($$"""{ "name": "Uses an instance {{marker}}", "nodes": [], "edges": [] }""");
        var id = (string)workflow["id"]!;

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{id}"));
        await page.SelectOptionAsync("#add-tool", $"instance:{instanceId}");
        await page.ClickAsync("[data-testid=add-node]");
        await page.WaitForSelectorAsync("[data-testid=node-template]");
        Assert.Equal($"Greeter {marker} — data.template", await page.InputValueAsync("#node-tool"));
        Assert.Equal($"Greeter {marker} (data.template)", (await page.TextContentAsync("[data-testid=node-template] .node-tool"))?.Trim()); // not the instance's id

        // The tool's form, with the template the instance sets counted as given: not required again, its value named.
        await page.WaitForSelectorAsync("#config-template");
        Assert.Equal("false", await page.GetAttributeAsync("#config-template", "aria-required"));
        Assert.Equal(string.Empty, await page.InputValueAsync("#config-template"));
        Assert.Contains("Set by the tool instance: Hello from the instance", await page.TextContentAsync("#config-template-help"), StringComparison.Ordinal);
        await page.ClickAsync("button:has-text('Validate')");
        await page.WaitForSelectorAsync("text=The workflow is valid.");
        Assert.Equal(0, await page.Locator("#config-template-error").CountAsync());
        await page.ClickAsync("[data-testid=save]");
        await page.WaitForSelectorAsync("text=Saved as version");
        Assert.Equal(0, await page.Locator("#config-template-error").CountAsync());

        var saved = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/workflows/{id}"))!;
        var node = Assert.Single(saved["nodes"]!.AsArray())!;
        Assert.Equal(instanceId, (string?)node["toolInstanceId"]);
        Assert.Null(node["tool"]);

        using var run = await api.PostAsJsonAsync($"/api/v1/workflows/{id}/execute", JsonNode.Parse("""{ "input": { "who": "Ada" } }"""));
        run.EnsureSuccessStatusCode();
        var execution = (string)(await run.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await page.GotoAsync(fixture.Server.Url($"/executions/{execution}"));
        await page.WaitForSelectorAsync("[data-testid=execution-status] .status-completed", new() { Timeout = 30_000 });
        await page.ClickAsync("[data-testid=node-template] rect");
        Assert.Contains("Hello from the instance, Ada", await page.TextContentAsync("[data-testid=node-output]"), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task ASaveRefusedForANode_ShowsThatNodesFields_EvenFromTheWorkflowTab()
    {
        var workflow = await fixture.Server.CreateWorkflowAsync("""{ "name": "Refused from the workflow tab", "nodes": [], "edges": [] }""");
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{workflow["id"]}"));
        await page.SelectOptionAsync("#add-tool", "data.template");
        await page.ClickAsync("[data-testid=add-node]");
        await page.ClickAsync("role=tab[name='Workflow']");
        await page.FillAsync("#wf-description", "template left empty");
        await page.PressAsync("#wf-description", "Tab");

        await page.ClickAsync("[data-testid=save]");

        await page.WaitForSelectorAsync("[data-testid=node-template].invalid");
        await page.WaitForSelectorAsync("#config-template-error", new() { Timeout = 5_000 });
    }
}
