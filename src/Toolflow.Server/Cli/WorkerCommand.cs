using System.CommandLine;
using Toolflow.Server.Hosting;
using Toolflow.Server.Workers;

namespace Toolflow.Server.Cli;

/// <summary><c>toolflow worker</c>: workers and sweeper only, same configuration as serve; migrates on start.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var command = new Command("worker", "Run workers only (no HTTP), against the configured database.") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        string[] args = [.. parse.UnmatchedTokens];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args });
        builder.Configuration.AddToolflowSources(args);
        builder.Services.AddToolflowDatabase(builder.Configuration.ReadDatabaseOptions());
        builder.Services.AddToolflowWorkers(builder.Configuration);
        builder.Services.AddHostedService<Hosting.StartupPages>();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
        return 0;
    }
}
