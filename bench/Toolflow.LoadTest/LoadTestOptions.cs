using System.Globalization;
using Toolflow.LoadTest.Scenarios;

namespace Toolflow.LoadTest;

/// <summary>The runner's command line.</summary>
public sealed record LoadTestOptions(
    IScenario Scenario, IReadOnlyList<string> Databases, IReadOnlyList<int> Clients, TimeSpan WarmUp, TimeSpan Duration,
    IReadOnlyDictionary<string, string> Settings)
{
    public static LoadTestOptions? Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var scenario = ScenarioCatalog.Find("webhook");
        string[] databases = ["sqlite", "postgres"];
        int[] clients = [1, 8];
        var warmUp = TimeSpan.FromSeconds(5);
        var duration = TimeSpan.FromSeconds(20);
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (value is null)
            {
                return null;
            }

            switch (args[i])
            {
                case "--scenario":
                    scenario = ScenarioCatalog.Find(value);
                    break;
                case "--database":
                    databases = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case "--clients":
                    clients = [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c => int.Parse(c, CultureInfo.InvariantCulture))];
                    break;
                case "--warmup":
                    warmUp = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
                    break;
                case "--duration":
                    duration = TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
                    break;
                case "--set" when value.Split('=', 2) is [var key, var setting]:
                    settings[key] = setting;
                    break;
                default:
                    return null;
            }

            i++;
        }

        return scenario is null || clients.Length == 0 || clients.Any(c => c < 1) ? null
            : new LoadTestOptions(scenario, databases, clients, warmUp, duration, settings);
    }
}
