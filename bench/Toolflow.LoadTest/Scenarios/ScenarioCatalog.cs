using Toolflow.LoadTest.Scenarios.Webhook;

namespace Toolflow.LoadTest.Scenarios;

/// <summary>The scenarios the runner knows, by name.</summary>
public static class ScenarioCatalog
{
    public static IReadOnlyList<IScenario> All { get; } = [new SynchronousWebhookScenario()];

    public static IScenario? Find(string name) => All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
