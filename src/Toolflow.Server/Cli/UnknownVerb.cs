using System.CommandLine;

namespace Toolflow.Server.Cli;

/// <summary>
/// A bare <c>toolflow</c> serves, and unknown <c>--options</c> pass to the host; but a first word that is no verb
/// (<c>toolflow valdate x.json</c>) is a typo, not a request to start a server on port 5080.
/// </summary>
internal static class UnknownVerb
{
    public const int ExitCode = 1;

    public static async Task<int> OrServeAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.Tokens is [{ } first, ..] && !first.Value.StartsWith('-') && parse.UnmatchedTokens.Contains(first.Value))
        {
            var verbs = string.Join(", ", parse.RootCommandResult.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));
            await parse.InvocationConfiguration.Error.WriteLineAsync($"toolflow: unknown command '{first.Value}'; the commands are {verbs} (see toolflow --help)");
            return ExitCode;
        }

        return await ServeCommand.RunAsync(parse, cancellationToken);
    }
}
