namespace Toolflow.Server.Hosting;

/// <summary>HTTP limits (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Bodies over this size answer 413 before they are read (default 2 MiB).</summary>
    public long MaxRequestBodyBytes { get; set; } = 2 * 1024 * 1024;
}
