using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Templates;

/// <summary>
/// On start (after the migrator), adds every shipped starter template that is not in the database yet,
/// published and with no author (admins manage them). Existing rows are never touched, so an admin's
/// edits survive; a deleted starter comes back on the next start — unpublish one to hide it instead.
/// </summary>
internal sealed partial class StarterTemplateSeeder(ToolflowRepositories repositories, ILogger<StarterTemplateSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var starter in StarterTemplates.Load())
        {
            if (await repositories.Templates.SeedAsync(starter.Id, starter.Input, cancellationToken))
            {
                added++;
            }
        }

        if (added > 0)
        {
            LogSeeded(logger, added);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Count} starter templates")]
    private static partial void LogSeeded(ILogger logger, int count);
}
