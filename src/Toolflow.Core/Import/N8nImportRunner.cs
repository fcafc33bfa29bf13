using System.Text.Json;
using Toolflow.Core.Definitions;
using Toolflow.Core.Import.Report;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Import;

/// <summary>
/// The work of <c>toolflow import n8n FILE [--out FILE] [--placeholders]</c>, kept free of the command-line
/// library so it can be tested in-process: definition to stdout (or the file), report to stderr.
/// Exit codes, as <c>toolflow validate</c>'s: 0 fully converted; 1 bad content (converted with unconverted parts,
/// refused, JSON that is not an n8n export, a broken export); 2 the file cannot be read or is not JSON.
/// </summary>
public static class N8nImportRunner
{
    private static readonly JsonSerializerOptions Indented = new(DefinitionJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(string file, string? outFile, bool placeholders, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken, WorkflowValidator? validator = null)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(file, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            await stderr.WriteLineAsync($"error: cannot read {file}: {ex.Message}");
            return 2;
        }

        N8nImportResult result;
        try
        {
            result = N8nImporter.Convert(json, new N8nImportOptions { Placeholders = placeholders, Validator = validator });
        }
        catch (N8nImportException ex)
        {
            await stderr.WriteLineAsync($"error: '{Path.GetFileName(file)}': {ex.Message}");
            if (ForeignFormat.Guess(json) is { } format)
            {
                await stderr.WriteLineAsync($"it looks like {format}; Toolflow imports only n8n workflow exports (JSON)");
            }

            return ex.Kind == N8nImportErrorKind.NotJson ? 2 : 1;
        }

        await stderr.WriteAsync(ImportReportText.Format(result.Report));
        if (result.Definition is null)
        {
            await stderr.WriteLineAsync("refused: some nodes cannot be converted; pass --placeholders to import them as flow.fail nodes");
            return 1;
        }

        var text = JsonSerializer.Serialize(result.Definition, Indented.GetTypeInfo(typeof(WorkflowDefinition)));
        if (outFile is null)
        {
            await stdout.WriteLineAsync(text);
        }
        else
        {
            await File.WriteAllTextAsync(outFile, text + Environment.NewLine, cancellationToken);
            await stderr.WriteLineAsync($"written to {outFile}");
        }

        return result.Report.FullyConverted ? 0 : 1;
    }
}
