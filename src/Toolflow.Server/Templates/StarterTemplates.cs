using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Toolflow.Core.Contracts;
using Toolflow.Core.Templates;
using Toolflow.Core.Validation;
using Toolflow.Storage.Repositories.Templates;

namespace Toolflow.Server.Templates;

/// <summary>
/// The starter templates shipped inside the binary (<c>Templates/Starters/*.json</c>, each in the shape
/// of a <c>POST /templates</c> body). Each has a fixed id derived from its file name, so seeding is
/// idempotent across restarts and processes.
/// </summary>
internal static class StarterTemplates
{
    private const string Prefix = "Toolflow.Server.Templates.Starters.";

    public static IReadOnlyList<StarterTemplate> Load()
    {
        var assembly = typeof(StarterTemplates).Assembly;
        var starters = new List<StarterTemplate>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var slug = resource[Prefix.Length..^".json".Length];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var request = JsonSerializer.Deserialize(stream, ContractsJsonContext.Default.TemplateRequest)
                ?? throw new InvalidDataException($"starter template '{slug}' is empty");
            var problems = new ProblemList();
            foreach (var problem in request.Validate(TimeProvider.System))
            {
                problems.Add(problem.Pointer, problem.Message);
            }

            TemplateParameters.CheckDefinition(request.Parameters!, request.Definition!, problems);
            if (problems.Count > 0)
            {
                // A broken starter is a build defect, caught by the tests; never ship it half-checked.
                throw new InvalidDataException($"starter template '{slug}' is invalid: {string.Join("; ", problems.Items)}");
            }

            starters.Add(new StarterTemplate(slug, IdOf(slug), new TemplateInput(request.Name!, request.Definition!)
            {
                Description = request.Description,
                Category = request.Category!,
                Tags = request.Tags ?? [],
                Parameters = request.Parameters,
            }));
        }

        return starters;
    }

    /// <summary>A stable UUID (version 8, from SHA-256 of the slug): the same starter has the same id everywhere.</summary>
    public static Guid IdOf(string slug)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes("toolflow-starter-template:" + slug)).AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}

internal sealed record StarterTemplate(string Slug, Guid Id, TemplateInput Input);
