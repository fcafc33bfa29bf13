using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Validation;
using Toolflow.Engine.Local;
using Toolflow.Server.Hosting;
using Toolflow.Tools.BuiltIn;
using Toolflow.Tools.Catalog;
using Toolflow.Tools.Integration;

namespace Toolflow.Server.Cli;

/// <summary>
/// <c>toolflow run FILE.json [--input JSON]</c> (SPEC §5): runs the definition in-process with an
/// in-memory store and prints one JSON document. Exit 0 when completed, 1 otherwise, 2 when the
/// file or the input is not JSON.
/// </summary>
internal static class RunCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static readonly Argument<FileInfo> File = new("FILE") { Description = "The workflow definition (JSON)." };

    public static readonly Option<string?> Input = new("--input") { Description = "The execution input, as JSON (default {})." };

    public static Command Create()
    {
        var command = new Command("run", "Run a workflow definition in-process and print the result as JSON.");
        command.Arguments.Add(File);
        command.Options.Add(Input);
        command.SetAction(RunAsync);
        return command;
    }

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var file = parse.GetValue(File)!;
        string text;
        try
        {
            text = await System.IO.File.ReadAllTextAsync(file.FullName, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"toolflow run: cannot read {file.FullName}: {ex.Message}");
            return 2;
        }

        if (!TryParse(text, out _, out var fileError))
        {
            await Console.Error.WriteLineAsync($"toolflow run: {file.Name} is not JSON: {fileError}");
            return 2;
        }

        JsonNode? input = new JsonObject();
        if (parse.GetValue(Input) is { } rawInput && !TryParse(rawInput, out input, out var inputError))
        {
            await Console.Error.WriteLineAsync($"toolflow run: --input is not JSON: {inputError}");
            return 2;
        }

        // The full validator runs first, so a run never starts on a definition `toolflow validate` refuses.
        var validation = new WorkflowValidator(ToolCatalog.BuiltIn).Validate(text);
        if (!validation.IsValid || validation.Definition is null)
        {
            return await Print(InvalidDefinition(file.Name, validation), 1);
        }

        // As POST /workflows/{id}/execute: an input the workflow's inputSchema refuses runs nothing.
        var inputProblems = ExecutionInput.Check(validation.Definition, input);
        if (inputProblems.Count > 0)
        {
            return await Print(Refused("input.invalid", $"the input does not match the workflow's inputSchema: {string.Join("; ", inputProblems)}", inputProblems), 1);
        }

        var configuration = ToolflowConfiguration.Build([]);
        var options = configuration.GetSection(IntegrationToolOptions.Section).Get<IntegrationToolOptions>() ?? new IntegrationToolOptions();
        using var integrations = new IntegrationTools(options, new ConfiguredCredentials(configuration));

        // Nobody can signal an approval here, so flow.approval fails at once with a clear error.
        Engine.EngineOptions engineOptions;
        try
        {
            engineOptions = Workers.EngineConfiguration.Read(configuration);
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync($"toolflow run: {ex.Message}");
            return 2;
        }

        var runner = new LocalRunner(
            expressions => integrations.AddTo(BuiltInTools.Create(expressions)).With(new UnavailableApprovalTool()),
            options: engineOptions);
        var snapshot = await runner.RunAsync(validation.Definition, input, cancellationToken);
        var exit = snapshot.Status == ExecutionStatus.Completed ? 0 : 1;
        return await Print(ExecutionReport.ToJson(snapshot), exit);
    }

    private static JsonObject InvalidDefinition(string fileName, WorkflowValidationResult validation)
    {
        var problems = validation.Problems.Select(p => p.ToString()).ToList();
        if (validation.MalformedReason is { } reason)
        {
            problems.Add(reason);
        }

        return Refused("definition.invalid", $"{fileName} is not a valid workflow: {string.Join("; ", problems)}", validation.Problems);
    }

    private static JsonObject Refused(string code, string message, IEnumerable<ValidationProblem> problems)
    {
        var report = ExecutionReport.Failure(code, message);
        if (report["error"] is JsonObject error)
        {
            error["problems"] = new JsonArray([.. problems.Select(p => (JsonNode)new JsonObject { ["pointer"] = p.Pointer, ["message"] = p.Message })]);
        }

        return report;
    }

    private static async Task<int> Print(JsonObject document, int exit)
    {
        await Console.Out.WriteLineAsync(document.ToJsonString(Indented));
        await Console.Out.FlushAsync();
        return exit;
    }

    private static bool TryParse(string text, out JsonNode? node, out string? error)
    {
        try
        {
            node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            node = null;
            error = ex.Message;
            return false;
        }
    }
}
