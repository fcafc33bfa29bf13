using System.CommandLine;
using Toolflow.Storage;

namespace Toolflow.Server.Cli;

/// <summary>The verbs of SPEC §5. A bare <c>toolflow</c> serves.</summary>
internal static class ToolflowCommandLine
{
    /// <summary>
    /// Parses and runs <paramref name="args"/>. A setting the operator must fix (<see cref="SettingsException"/>)
    /// is one line on standard error and exit code 1, not a stack trace; any other failure is printed whole, as
    /// the library's default handler did.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? error = null)
    {
        error ??= Console.Error;
        try
        {
            return await Build().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (SettingsException.Find(e) is { } settings)
        {
            await error.WriteLineAsync($"toolflow: {settings.Message}");
            return 1;
        }
        catch (Exception e)
        {
            // As the library's default handler: a cancellation (Ctrl+C during start-up) ends quietly.
            if (e is not OperationCanceledException)
            {
                await error.WriteLineAsync($"Unhandled exception: {e}");
            }

            return 1;
        }
    }

    public static RootCommand Build()
    {
        var serve = ServeCommand.Create();
        // Unknown tokens are host settings (e.g. --environment=Development from a test host); they pass to the host.
        var root = new RootCommand("Toolflow: durable workflow automation.") { TreatUnmatchedTokensAsErrors = false };
        serve.TreatUnmatchedTokensAsErrors = false;
        root.Subcommands.Add(serve);
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(ValidateCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(RotateKeyCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        foreach (var option in serve.Options)
        {
            root.Options.Add(option);
        }

        root.SetAction(UnknownVerb.OrServeAsync);
        return root;
    }
}
