using Toolflow.Storage.Migrations;

namespace Toolflow.Server.Hosting;

/// <summary>
/// Applies pending migrations before the server listens (hosted services start before Kestrel),
/// so no request ever meets an old schema. A schema newer than the code stops start-up.
/// </summary>
internal sealed partial class MigrateOnStart(Migrator migrator, ILogger<MigrateOnStart> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var report = await migrator.MigrateAsync(cancellationToken);
        foreach (var applied in report.Applied)
        {
            LogApplied(logger, applied.Version, applied.Name);
        }

        LogVersion(logger, report.ToVersion);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Version} {Name}")]
    private static partial void LogApplied(ILogger logger, int version, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema at version {Version}")]
    private static partial void LogVersion(ILogger logger, int version);
}
