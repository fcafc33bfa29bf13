using System.CommandLine;
using Toolflow.Server.Hosting;

namespace Toolflow.Server.Cli;

/// <summary><c>toolflow serve [--urls URL]</c>: API, UI and workers in one process.</summary>
internal static class ServeCommand
{
    public static readonly Option<string?> Urls = new("--urls")
    {
        Description = "Addresses to listen on (default http://127.0.0.1:5080, or ASPNETCORE_URLS).",
    };

    public static Command Create()
    {
        var command = new Command("serve", "Serve the API, the UI and the workers (the default verb).");
        command.Options.Add(Urls);
        command.SetAction(RunAsync);
        return command;
    }

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var app = ToolflowApp.Build(parse.GetValue(Urls), [.. parse.UnmatchedTokens]);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
