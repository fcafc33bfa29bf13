using System.Text.Json.Nodes;

namespace Toolflow.Generation.Pipeline;

/// <summary>
/// The generator's message history: the user's prompts and one entry per state transition
/// (<c>{ role, step, content, turn, at, … }</c>). A follow-up appends to the stored history.
/// </summary>
internal sealed class ConversationLog(JsonArray? history, TimeProvider clock)
{
    private const int MaxContentChars = 20_000;

    public JsonArray Entries { get; } = history is null ? [] : (JsonArray)history.DeepClone();

    public int Turn { get; } = (history?.OfType<JsonObject>().Where(e => (string?)e["role"] == "user").Count() ?? 0) + 1;

    public void User(string prompt) => Add("user", null, prompt, null);

    public void Step(GenerationStep step, string content, JsonObject? details = null) =>
        Add(step is GenerationStep.Done or GenerationStep.Failed ? "assistant" : "generator", step, content, details);

    private void Add(string role, GenerationStep? step, string content, JsonObject? details)
    {
        var entry = new JsonObject
        {
            ["role"] = role,
            ["turn"] = Turn,
            ["at"] = clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (step is { } s)
        {
            entry["step"] = ToSnake(s);
        }

        entry["content"] = content.Length > MaxContentChars ? content[..MaxContentChars] + "…" : content;
        if (details is not null)
        {
            foreach (var (key, value) in details.ToList())
            {
                details.Remove(key);
                entry[key] = value;
            }
        }

        Entries.Add((JsonNode)entry);
    }

    private static string ToSnake(GenerationStep step) => step switch
    {
        GenerationStep.RetrieveTools => "retrieve_tools",
        _ => step.ToString().ToLowerInvariant(),
    };
}
