using System.CommandLine;

namespace Toolflow.Server.Cli;

/// <summary>The verbs of SPEC §5. A bare <c>toolflow</c> serves.</summary>
internal static class ToolflowCommandLine
{
    public static RootCommand Build()
    {
        var serve = ServeCommand.Create();
        var root = new RootCommand("Toolflow: durable workflow automation.");
        root.Subcommands.Add(serve);
        root.Subcommands.Add(RunCommand.Create());
        foreach (var option in serve.Options)
        {
            root.Options.Add(option);
        }

        root.SetAction(ServeCommand.RunAsync);
        return root;
    }
}
