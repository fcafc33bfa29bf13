using System.CommandLine;

namespace Toolflow.Server.Cli;

/// <summary>The verbs of SPEC §5. A bare <c>toolflow</c> serves.</summary>
internal static class ToolflowCommandLine
{
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
