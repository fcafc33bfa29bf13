namespace Toolflow.Server.Tests.Headless;

/// <summary>
/// The published headless native build under test (docs/headless.md): <c>TOOLFLOW_HEADLESS_BINARY</c> names it
/// (<c>.ci/run</c> publishes it). Without it these tests are skipped with the reason, unless
/// <c>TOOLFLOW_REQUIRE_HEADLESS=1</c> makes them run and fail, as CI does.
/// </summary>
public static class HeadlessBinary
{
    public const string PathVariable = "TOOLFLOW_HEADLESS_BINARY";
    public const string RequireVariable = "TOOLFLOW_REQUIRE_HEADLESS";

    public static string? Path => Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? System.IO.Path.GetFullPath(path) : null;

    public static string? SkipReason =>
        Environment.GetEnvironmentVariable(RequireVariable) == "1" || (Path is { } path && File.Exists(path))
            ? null
            : $"no headless build: publish one (dotnet publish src/Toolflow.Server -c Release -r linux-x64 -p:ToolflowHeadless=true -o DIR) " +
              $"and set {PathVariable}=DIR/toolflow; set {RequireVariable}=1 to make this a failure instead of a skip.";

    public static string Require() =>
        Path is { } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"{RequireVariable}=1 but {PathVariable} ('{Path}') names no file: publish the headless build first");
}

public sealed class HeadlessFactAttribute : FactAttribute
{
    public HeadlessFactAttribute()
    {
        Skip = HeadlessBinary.SkipReason;
    }
}
