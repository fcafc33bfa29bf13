using System.CommandLine;
using Toolflow.Core.Import;
using Toolflow.Core.Validation;
using Toolflow.Tools.Catalog;

namespace Toolflow.Server.Cli;

/// <summary><c>toolflow import n8n FILE.json [--out FILE] [--placeholders]</c>: convert an n8n export.</summary>
internal static class ImportCommand
{
    private static readonly Argument<string> File = new("file") { Description = "The n8n workflow export (JSON)." };

    private static readonly Option<string?> Out = new("--out")
    {
        Description = "Write the converted definition to this file instead of standard output.",
    };

    private static readonly Option<bool> Placeholders = new("--placeholders")
    {
        Description = "Import unconvertible nodes as flow.fail nodes carrying the reason, instead of refusing.",
    };

    public static Command Create()
    {
        var n8n = new Command("n8n", "Convert an n8n workflow export; the definition goes to stdout, the report to stderr.");
        n8n.Arguments.Add(File);
        n8n.Options.Add(Out);
        n8n.Options.Add(Placeholders);
        n8n.SetAction(RunAsync);
        var import = new Command("import", "Import a workflow from another product.");
        import.Subcommands.Add(n8n);
        return import;
    }

    private static Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken) =>
        N8nImportRunner.RunAsync(parse.GetRequiredValue(File), parse.GetValue(Out), parse.GetValue(Placeholders), Console.Out, Console.Error, cancellationToken, new WorkflowValidator(ToolCatalog.BuiltIn));
}
