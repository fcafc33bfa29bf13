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

    /// <summary>Whatever follows <c>import</c> when it is not a known kind (<c>serverless</c>, <c>kestra</c>, a file name …).</summary>
    private static readonly Argument<string[]> Other = new("kind")
    {
        Description = "What to import; only 'n8n' is supported.",
        Arity = ArgumentArity.ZeroOrMore,
        Hidden = true,
    };

    /// <summary>Exit code of <c>import</c> without a supported kind: a usage error, like a file that cannot be read (2).</summary>
    public const int UnsupportedKind = 2;

    public static Command Create()
    {
        var n8n = new Command("n8n", "Convert an n8n workflow export; the definition goes to stdout, the report to stderr.");
        n8n.Arguments.Add(File);
        n8n.Options.Add(Out);
        n8n.Options.Add(Placeholders);
        n8n.SetAction(RunAsync);
        var import = new Command("import", "Import a workflow from another product (n8n).");
        import.Subcommands.Add(n8n);
        import.Arguments.Add(Other);
        import.SetAction(RefuseAsync);
        return import;
    }

    private static Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken) =>
        N8nImportRunner.RunAsync(
            parse.GetRequiredValue(File), parse.GetValue(Out), parse.GetValue(Placeholders),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken, new WorkflowValidator(ToolCatalog.BuiltIn));

    /// <summary>
    /// <c>toolflow import</c> alone or with a kind it does not know (e.g. <c>serverless</c>): say what is supported,
    /// instead of the parser's bare "Required command was not provided".
    /// </summary>
    private static async Task<int> RefuseAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var kind = parse.GetValue(Other) is [var first, ..] ? first : null;
        var error = parse.InvocationConfiguration.Error;
        await error.WriteLineAsync(kind is null
            ? "error: name what to import; supported: n8n (toolflow import n8n FILE.json)"
            : $"error: cannot import '{kind}': Toolflow imports n8n workflow exports only (toolflow import n8n FILE.json)");
        return UnsupportedKind;
    }
}
