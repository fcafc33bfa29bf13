namespace Toolflow.LoadTest.Scenarios;

/// <summary>
/// One end-to-end load shape. A scenario prepares what it needs on a fresh server (through the
/// public API, with the admin key) and returns the request one client sends in a loop. New shapes
/// (durable-queue throughput, fan-out, …) go in their own folder beside <c>Webhook/</c> and are
/// added to <see cref="ScenarioCatalog"/>.
/// </summary>
public interface IScenario
{
    string Name { get; }

    /// <summary>What the scenario measures, for the report.</summary>
    string Description { get; }

    Task<IScenarioRun> PrepareAsync(HttpClient admin, CancellationToken cancellationToken);
}

/// <summary>A prepared scenario: one call is one measured operation.</summary>
public interface IScenarioRun
{
    /// <summary>Sends one operation and returns whether it succeeded (a wrong answer is a failure, not a sample).</summary>
    Task<bool> SendAsync(HttpClient client, CancellationToken cancellationToken);
}
