using System.CommandLine;
using Toolflow.Core.Validation;
using Toolflow.Tools.Catalog;

namespace Toolflow.Server.Cli;

/// <summary>
/// <c>toolflow validate FILE.json</c> (SPEC §5): prints <c>valid</c> and exits 0, or one line
/// <c>&lt;pointer&gt;: &lt;message&gt;</c> per problem and exits 1; exits 2 when the file cannot be read or is not JSON.
/// </summary>
internal static class ValidateCommand
{
    public const int Valid = 0;
    public const int Invalid = 1;
    public const int NotJson = 2;

    public static readonly Argument<FileInfo> File = new("FILE.json")
    {
        Description = "The workflow definition to check.",
    };

    public static Command Create()
    {
        var command = new Command("validate", "Check a workflow definition and list every problem with its JSON pointer.");
        command.Arguments.Add(File);
        command.SetAction(RunAsync);
        return command;
    }

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var file = parse.GetValue(File)!;
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        byte[] bytes;
        try
        {
            bytes = await System.IO.File.ReadAllBytesAsync(file.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"cannot read '{file.FullName}': {ex.Message}");
            return NotJson;
        }

        var result = new WorkflowValidator(ToolCatalog.BuiltIn).Validate(bytes);
        switch (result.Outcome)
        {
            case ValidationOutcome.Valid:
                await output.WriteLineAsync("valid");
                return Valid;
            case ValidationOutcome.Malformed:
                await error.WriteLineAsync($"'{file.Name}' is not JSON: {result.MalformedReason}");
                return NotJson;
            default:
                foreach (var problem in result.Problems)
                {
                    await output.WriteLineAsync(problem.ToString());
                }

                return Invalid;
        }
    }
}
