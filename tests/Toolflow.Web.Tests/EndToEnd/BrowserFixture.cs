using Microsoft.Playwright;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>One server and one headless Chromium shared by the browser tests; each test opens its own context (cookies).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public UiServer Server { get; } = new();

    public IBrowser Browser => browser ?? throw new InvalidOperationException(Chromium.RequireExecutable());

    private IBrowser? browser;

    /// <summary>Where the run's screenshots go (the best are copied to docs/screenshots by hand).</summary>
    public static string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("TOOLFLOW_SCREENSHOTS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        if (Chromium.ExecutablePath is null && !Chromium.Required)
        {
            return; // every test here reports skipped
        }

        var executable = Chromium.RequireExecutable();
        await Server.InitializeAsync();
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>
    /// Every Content-Security-Policy refusal any page of any test logged. The UI runs under a strict policy
    /// (docs/SECURITY.md); a refusal means something of the app's own was blocked, so the run fails on it at the end.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> PolicyViolations { get; } = new();

    public async Task DisposeAsync()
    {
        if (!PolicyViolations.IsEmpty)
        {
            throw new InvalidOperationException("The UI's Content-Security-Policy refused something: " + string.Join(" | ", PolicyViolations));
        }

        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (Server.BaseAddress is not null)
        {
            await Server.DisposeAsync();
        }
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 860 } });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                PolicyViolations.Enqueue($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>Signs in on a fresh page with <paramref name="key"/> (the admin's by default) and waits for the live workflows page.</summary>
    public async Task<IPage> SignedInPageAsync(string? key = null)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(Server.Url("/"));
        await page.FillAsync("#apiKey", key ?? Server.AdminKey);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("h1:has-text('Workflows')");
        await page.Locator("table.list").Or(page.GetByText("No workflows here yet")).First.WaitForAsync();
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
