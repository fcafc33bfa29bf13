using Toolflow.Engine;

namespace Toolflow.Server.Workers;

/// <summary>
/// The engine's knobs from configuration (<c>Engine:MaxParallelNodes</c>), shared by the workers of
/// <c>toolflow serve</c>/<c>worker</c> and by <c>toolflow run</c>, so one setting means the same everywhere.
/// </summary>
public static class EngineConfiguration
{
    public const string Section = "Engine";

    /// <summary>Reads the options; a value out of range stops the start with a message naming the key.</summary>
    public static EngineOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var defaults = new EngineOptions();
        var parallel = configuration.GetValue(Section + ":MaxParallelNodes", defaults.MaxParallelNodes);
        if (parallel is < 1 or > 1000)
        {
            throw new Storage.SettingsException($"{Section}:MaxParallelNodes must be between 1 and 1000 (it is {parallel}).");
        }

        return defaults with { MaxParallelNodes = parallel };
    }
}
