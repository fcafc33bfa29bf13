namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>
/// The system's Chromium (Debian's <c>chromium</c> package; <c>TOOLFLOW_CHROMIUM</c> names another), driven by
/// Playwright through its executable path, so no browser is downloaded. Without one the browser tests report
/// skipped — except in CI (<c>CI=true</c>) or with <c>TOOLFLOW_REQUIRE_BROWSER=1</c>, where they run and fail loudly.
/// </summary>
public static class Chromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    public static string? ExecutablePath =>
        Environment.GetEnvironmentVariable("TOOLFLOW_CHROMIUM") is { Length: > 0 } configured ? configured : Candidates.FirstOrDefault(File.Exists);

    public static bool Required =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("TOOLFLOW_REQUIRE_BROWSER") == "1";

    public static string RequireExecutable() =>
        ExecutablePath is { } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                "Chromium is required for the browser tests (CI=true or TOOLFLOW_REQUIRE_BROWSER=1) but none was found: " +
                "install it with 'apt-get install -y chromium' or set TOOLFLOW_CHROMIUM to its path.");
}

/// <summary>A browser test: skipped only when no Chromium is installed and none is required.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (Chromium.ExecutablePath is null && !Chromium.Required)
        {
            Skip = "no Chromium installed (apt-get install -y chromium, or set TOOLFLOW_CHROMIUM); CI=true makes this a failure";
        }
    }
}
