namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>The workflows list: search, status filter, archive.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowListTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Search_FiltersByName_AndArchiveMovesAWorkflowToTheArchivedFilter()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        await fixture.Server.CreateWorkflowAsync($$"""{ "name": "Invoices {{marker}}", "nodes": [], "edges": [] }""");
        await fixture.Server.CreateWorkflowAsync($$"""{ "name": "Reports {{marker}}", "nodes": [], "edges": [] }""");
        var page = await fixture.SignedInPageAsync();

        await page.FillAsync("#search", "Invoices " + marker);
        await page.ClickAsync("form[role=search] button[type=submit]");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('table.list tbody tr').length === 1");
        Assert.Contains("Invoices", await page.TextContentAsync("table.list tbody"), StringComparison.Ordinal);

        await page.ClickAsync($"button[aria-label='Archive Invoices {marker}']");
        await page.WaitForSelectorAsync("text=No workflows here yet");

        await page.SelectOptionAsync("#status-filter", "archived");
        await page.WaitForSelectorAsync($"table.list >> text=Invoices {marker}");
        Assert.Contains("archived", await page.TextContentAsync("table.list tbody"), StringComparison.Ordinal);
    }
}
