using System.CommandLine;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Database;
using Toolflow.Storage.Errors;
using Toolflow.Storage.Migrations;

namespace Toolflow.Server.Cli;

/// <summary><c>toolflow migrate</c>: applies pending migrations and prints what it did.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Apply pending database migrations and print what was applied.")
        {
            // Unknown tokens are configuration flags such as --Database:Provider=postgres.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        // Settings pass to configuration; anything else (--bogus) is refused as an unknown verb is, not ignored.
        if (SettingTokens.FirstNotASetting(parse.UnmatchedTokens) is { } unknown)
        {
            var error = parse.InvocationConfiguration.Error;
            await error.WriteLineAsync($"toolflow migrate: unknown option or argument '{unknown}'");
            await error.WriteLineAsync("Usage: toolflow migrate [--Section:Key=value …]   (configuration settings only, e.g. --Database:Provider=postgres; see toolflow migrate --help)");
            return UnknownVerb.ExitCode;
        }

        var configuration = ToolflowConfiguration.Build([.. parse.UnmatchedTokens]);
        var output = parse.InvocationConfiguration.Output;
        try
        {
            await using var database = ToolflowDatabase.Create(configuration.ReadDatabaseOptions());
            var report = await new Migrator(database).MigrateAsync(cancellationToken);
            foreach (var applied in report.Applied)
            {
                await output.WriteLineAsync($"applied {applied.Version:D4} {applied.Name}");
            }

            await output.WriteLineAsync(report.AppliedAny
                ? $"schema migrated from version {report.FromVersion} to {report.ToVersion}"
                : $"schema is current at version {report.ToVersion}; nothing to apply");
            return 0;
        }
        catch (Exception ex) when (ex is StorageException or InvalidOperationException or System.Data.Common.DbException)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync($"migration failed: {ex.Message}");
            return 1;
        }
    }
}
