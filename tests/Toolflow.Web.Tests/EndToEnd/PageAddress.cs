using Microsoft.Playwright;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>
/// Waits for an in-app page change by reading the address in the page. Blazor navigates by a history push with no
/// load event, and Playwright's WaitForURL missed such pushes in some full-suite runs (timing out with the new page
/// already on screen, "until Load" as well as "until Commit").
/// </summary>
internal static class PageAddress
{
    /// <summary>A path of <paramref name="section"/> followed by one id (a UUID), e.g. <c>/workflows/{id}</c>.</summary>
    public static async Task<Guid> WaitForIdPathAsync(this IPage page, string section)
    {
        var pattern = $"^/{section}/[0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}$";
        await page.WaitForFunctionAsync("pattern => new RegExp(pattern).test(location.pathname)", pattern);
        return Guid.Parse(await page.EvaluateAsync<string>("() => location.pathname.split('/').pop()"));
    }
}
