#if TOOLFLOW_WITH_SHARING
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>
/// Templates and public links through the UI. Compiled only when the server has the routes of issue #8
/// (the csproj defines TOOLFLOW_WITH_SHARING when Endpoints/SharedLinks.cs exists), so they run as soon as it is merged.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TemplatesAndSharingTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task InstantiateATemplate_ThroughTheFormGeneratedFromItsParameters()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        using var api = fixture.Server.Api();
        using var created = await api.PostAsJsonAsync("/api/v1/templates", JsonNode.Parse($$$"""
            {
              "name": "Greeter {{{marker}}}", "description": "Says hello", "category": "demo", "tags": ["hello"],
              "parameters": { "type": "object", "required": ["greeting"], "properties": { "greeting": { "type": "string", "description": "How to greet" } } },
              "definition": { "name": "Greeter", "nodes": [ { "id": "hello", "tool": "data.template", "config": { "template": "{{ params.greeting }} {{ input.who }}" } } ], "edges": [] }
            }
            """));
        created.EnsureSuccessStatusCode();

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url("/templates"));
        await page.FillAsync("#tpl-search", marker);
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.gallery article').length === 1");
        await BrowserFixture.ScreenshotAsync(page, "14-templates");
        await page.ClickAsync("text=Use this template");
        await page.WaitForSelectorAsync("#param-greeting");

        await page.ClickAsync("[data-testid=instantiate]");
        await page.WaitForSelectorAsync("#param-greeting-error"); // required parameter left empty: named on its field

        await page.FillAsync("#param-greeting", "Howdy");
        await page.PressAsync("#param-greeting", "Tab");
        await page.FillAsync("#tpl-name", "My greeter " + marker);
        await page.PressAsync("#tpl-name", "Tab");
        await BrowserFixture.ScreenshotAsync(page, "15-template-instantiate");
        await page.ClickAsync("[data-testid=instantiate]");
        await page.WaitForSelectorAsync($"h1:has-text('My greeter {marker}')");

        var id = page.Url.Split('/')[^1];
        var workflow = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/workflows/{id}"))!;
        Assert.Equal("Howdy {{ input.who }}", workflow["nodes"]![0]!["config"]!["template"]!.GetValue<string>());
    }

    [BrowserFact]
    public async Task APublicLink_CreatedInTheShareDialog_RunsFromTheGeneratedForm_AndShowsTheResult_InAFreshBrowserContext()
    {
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Public greeter",
              "inputSchema": { "type": "object", "required": ["who"], "properties": { "who": { "type": "string", "description": "Whom to greet" }, "times": { "type": "integer", "default": 2 } } },
              "nodes": [ { "id": "hello", "tool": "data.template", "config": { "template": "Hello {{ input.who }} x{{ input.times }}" } } ], "edges": [] }
            """);
        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{workflow["id"]}/share"));
        await page.SelectOptionAsync("#link-permission", "execute");
        await page.ClickAsync("[data-testid=create-link]");
        var link = await page.InputValueAsync("[data-testid=public-link]");
        await page.WaitForSelectorAsync("table.list >> text=public link");
        await BrowserFixture.ScreenshotAsync(page, "16-share-dialog");
        Assert.StartsWith(fixture.Server.Url("/s/"), link, StringComparison.Ordinal);

        var stranger = await fixture.NewPageAsync(); // a fresh context: no cookie, no key
        await stranger.GotoAsync(link);
        await stranger.WaitForSelectorAsync("h1:has-text('Public greeter')");
        await stranger.WaitForSelectorAsync("[data-testid=node-hello]");

        // The generated form, as on the signed-in Run page: a labelled field per property, defaults filled in.
        Assert.Equal("2", await stranger.InputValueAsync("#input-times"));
        Assert.Equal(0, await stranger.Locator("#public-input").CountAsync());
        await stranger.ClickAsync("[data-testid=public-run-submit]");
        await stranger.WaitForSelectorAsync("#input-who-error"); // the required field left empty is named on it
        Assert.Equal(0, await CountExecutionsAsync(workflow));

        await stranger.FillAsync("#input-who", "Grace <b>");
        await stranger.FillAsync("#input-times", "3");
        await stranger.ClickAsync("[data-testid=public-run-submit]");
        await stranger.WaitForSelectorAsync("[data-testid=public-run][data-status=completed]", new() { Timeout = 30_000 });
        var output = await stranger.TextContentAsync("[data-testid=public-run-output]");
        Assert.Contains("Hello Grace <b> x3", output, StringComparison.Ordinal); // shown as text, not markup
        await BrowserFixture.ScreenshotAsync(stranger, "17-public-link");
        Assert.Contains("/runs/", stranger.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(await stranger.Context.CookiesAsync(), c => c.Name == "toolflow.session");

        // The run page shows the result, not the input or anything else of the owner's.
        var body = await stranger.TextContentAsync("main");
        Assert.DoesNotContain("\"who\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain(workflow["id"]!.ToString(), await stranger.ContentAsync(), StringComparison.Ordinal);

        // An address the link never gave shows nothing.
        await stranger.GotoAsync(link + "/runs/not-a-run-token");
        await stranger.WaitForSelectorAsync("text=This run cannot be shown");
        Assert.Equal(0, await stranger.Locator("[data-testid=public-run]").CountAsync());

        using var api = fixture.Server.Api();
        var executions = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/workflows/{workflow["id"]}/executions"))!["items"]!.AsArray();
        var execution = Assert.Single(executions)!;
        Assert.Equal("Grace <b>", execution["input"]!["who"]!.GetValue<string>());
        Assert.Equal(3, execution["input"]!["times"]!.GetValue<int>());
    }

    private async Task<int> CountExecutionsAsync(JsonObject workflow)
    {
        using var api = fixture.Server.Api();
        return (await api.GetFromJsonAsync<JsonObject>($"/api/v1/workflows/{workflow["id"]}/executions"))!["items"]!.AsArray().Count;
    }

    [BrowserFact]
    public async Task APersonSharedWith_IsListedByNameAndEmail_NotByTheirId()
    {
        var email = $"grace-{Guid.NewGuid():N}@example.org";
        using var api = fixture.Server.Api();
        using var created = await api.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Grace Hopper", role = "member" });
        created.EnsureSuccessStatusCode();
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Shared with Grace", "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": {} } } ], "edges": [] }
            """);

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{workflow["id"]}/share"));
        await page.FillAsync("#share-email", email);
        await page.SelectOptionAsync("#share-permission", "execute");
        await page.ClickAsync("form[aria-label='Share with a person'] button[type=submit]");

        await page.WaitForSelectorAsync($"table.list >> text=Grace Hopper <{email}>");
        Assert.DoesNotContain("user ", await page.InnerTextAsync("table.list tbody"), StringComparison.Ordinal);
    }

    [BrowserFact]
    public async Task AnExecuteGrantee_IsOfferedRun_ButNotSaveOrShare()
    {
        var email = $"ada-{Guid.NewGuid():N}@example.org";
        using var api = fixture.Server.Api();
        using var created = await api.PostAsJsonAsync("/api/v1/users", new { email, displayName = "Ada", role = "member" });
        var userId = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var keyAnswer = await api.PostAsJsonAsync("/api/v1/api-keys", new { userId, name = "ada" });
        var key = (await keyAnswer.Content.ReadFromJsonAsync<JsonObject>())!["key"]!.GetValue<string>();
        var workflow = await fixture.Server.CreateWorkflowAsync("""
            { "name": "Run only", "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": {} } } ], "edges": [] }
            """);
        using var shared = await api.PostAsJsonAsync($"/api/v1/workflows/{workflow["id"]}/shares", new { userId, permission = "execute" });
        shared.EnsureSuccessStatusCode();

        var page = await fixture.SignedInPageAsync(key);
        await page.GotoAsync(fixture.Server.Url($"/workflows/{workflow["id"]}"));
        await page.WaitForSelectorAsync("[data-testid=read-only]");

        Assert.Equal(1, await page.Locator(".page-head a:has-text('Run')").CountAsync());
        Assert.Equal(0, await page.Locator("[data-testid=save]").CountAsync());
        Assert.Equal(0, await page.Locator(".page-head a:has-text('Share')").CountAsync());
        Assert.Equal(0, await page.Locator(".page-head a:has-text('Make a template')").CountAsync());
    }

    [BrowserFact]
    public async Task AWorkflow_BecomesATemplate_FromTheEditor_AndThatTemplateMakesNewWorkflows()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var workflow = await fixture.Server.CreateWorkflowAsync($$$"""
            { "name": "Reusable {{{marker}}}", "nodes": [ { "id": "hello", "tool": "data.template", "config": { "template": "Hi {{ input.who }}" } } ], "edges": [] }
            """);

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/workflows/{workflow["id"]}"));
        await page.ClickAsync("a:has-text('Make a template')");
        Assert.Equal($"Reusable {marker}", await page.InputValueAsync("#template-name"));
        await page.FillAsync("#template-category", "demo");
        await page.PressAsync("#template-category", "Tab");
        await page.ClickAsync("[data-testid=create-template]");

        // The new template opens; it makes a workflow like the one it came from (addresses read in the page: PageAddress).
        await page.WaitForIdPathAsync("templates");
        await page.WaitForSelectorAsync($"h1:has-text('Reusable {marker}')");
        await page.ClickAsync("[data-testid=instantiate]");
        var id = (await page.WaitForIdPathAsync("workflows")).ToString();
        Assert.NotEqual((string)workflow["id"]!, id);
        using var api = fixture.Server.Api();
        var created = (await api.GetFromJsonAsync<JsonObject>($"/api/v1/workflows/{id}"))!;
        Assert.Equal("Hi {{ input.who }}", created["nodes"]![0]!["config"]!["template"]!.GetValue<string>());
    }

    [BrowserFact]
    public async Task ARatingTheServerRefuses_SaysWhy_InTheRatingForm()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        using var api = fixture.Server.Api();
        using var created = await api.PostAsJsonAsync("/api/v1/templates", JsonNode.Parse($$$"""
            { "name": "Mine {{{marker}}}", "category": "demo",
              "definition": { "name": "Mine", "nodes": [ { "id": "a", "tool": "data.set", "config": { "values": { "x": 1 } } } ], "edges": [] } }
            """));
        created.EnsureSuccessStatusCode();
        var id = (string)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var page = await fixture.SignedInPageAsync();
        await page.GotoAsync(fixture.Server.Url($"/templates/{id}"));
        await page.ClickAsync("form[aria-label='Rate this template'] button[type=submit]");

        // The admin wrote it: the server refuses, and the form says so (not "fix the fields marked in red" with none marked).
        await page.WaitForSelectorAsync("form[aria-label='Rate this template'] >> text=authors cannot rate their own template", new() { Timeout = 10_000 });
    }
}
#endif
