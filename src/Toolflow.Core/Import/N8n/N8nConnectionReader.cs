using System.Text.Json.Nodes;

namespace Toolflow.Core.Import.N8n;

/// <summary>
/// Flattens n8n's <c>connections</c> (source name → kind → output index → targets) into a list,
/// rejecting references to nodes that do not exist.
/// </summary>
internal static class N8nConnectionReader
{
    public static List<N8nConnection> Read(JsonNode? raw, HashSet<string> names)
    {
        var result = new List<N8nConnection>();
        if (raw is null)
        {
            return result;
        }

        if (raw is not JsonObject bySource)
        {
            throw new N8nImportException(N8nImportErrorKind.NotAnN8nExport, "not an n8n export: \"connections\" is not an object");
        }

        foreach (var (source, kinds) in bySource)
        {
            if (!names.Contains(source))
            {
                throw Dangling($"connections start at '{source}', which is not a node");
            }

            foreach (var (kind, outputs) in kinds as JsonObject ?? [])
            {
                var outputIndex = 0;
                foreach (var output in outputs as JsonArray ?? [])
                {
                    foreach (var target in output as JsonArray ?? [])
                    {
                        var name = N8nDocumentReader.Text(target.Get("node"));
                        if (name is null || !names.Contains(name))
                        {
                            throw Dangling($"'{source}' ({kind} output {outputIndex}) connects to '{name}', which is not a node");
                        }

                        var input = (int)(N8nDocumentReader.Number(target.Get("index")) ?? 0);
                        result.Add(new N8nConnection(source, kind, outputIndex, name, input));
                    }

                    outputIndex++;
                }
            }
        }

        return result;
    }

    private static N8nImportException Dangling(string message) => new(N8nImportErrorKind.DanglingConnection, message);
}
