using System.Text.Json;
using Toolflow.Core.Definitions;
using Toolflow.Core.Import.Report;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Import;

/// <summary>
/// The work of <c>toolflow import n8n FILE [--out FILE] [--placeholders]</c>, kept free of the command-line
/// library so it can be tested in-process: definition to stdout (or the file), report to stderr.
/// Exit codes: 0 fully converted, 1 converted with unconverted parts or refused, 2 not JSON / not an n8n export.
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
            await stderr.WriteLineAsync($"error ({ex.Kind}): {ex.Message}");
            return ex.IsNotAnExport ? 2 : 1;
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
