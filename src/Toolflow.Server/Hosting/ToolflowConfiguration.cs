namespace Toolflow.Server.Hosting;

/// <summary>
/// The configuration every verb reads: <c>appsettings.json</c> in the working folder, then
/// <c>TOOLFLOW__…</c> environment variables, then flags — later sources win.
/// </summary>
internal static class ToolflowConfiguration
{
    public const string EnvironmentPrefix = "TOOLFLOW__";

    public static IConfigurationRoot Build(string[] args) => new ConfigurationBuilder()
        .SetBasePath(Directory.GetCurrentDirectory())
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables(EnvironmentPrefix)
        .AddCommandLine(args)
        .Build();

    /// <summary>Adds Toolflow's sources to a web builder so flags still win over the environment.</summary>
    public static void AddToolflowSources(this IConfigurationManager configuration, string[] args)
    {
        configuration.AddEnvironmentVariables(EnvironmentPrefix);
        configuration.AddCommandLine(args);
    }
}
