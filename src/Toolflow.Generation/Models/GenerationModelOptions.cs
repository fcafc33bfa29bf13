namespace Toolflow.Generation.Models;

/// <summary>
/// Configuration section <c>Generation</c>: which chat model drafts workflows. Without a provider the
/// offline planner does (the default: no model needed).
/// </summary>
public sealed class GenerationModelOptions
{
    public const string Section = "Generation";

    /// <summary><c>offline</c> (default), <c>openai</c> (any OpenAI-compatible server) or <c>ollama</c>.</summary>
    public string Provider { get; set; } = "offline";

    public string? Model { get; set; }

    /// <summary>OpenAI-compatible: up to and including <c>/v1</c>; Ollama: the server's root.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>The API key itself (prefer <see cref="ApiKeyCredential"/>, or the environment).</summary>
    public string? ApiKey { get; set; }

    /// <summary>Name of a configured credential (<c>Credentials:&lt;name&gt;:apiKey</c>) holding the key.</summary>
    public string? ApiKeyCredential { get; set; }

    public int TimeoutMs { get; set; } = 120_000;

    /// <summary>Repair rounds after the first draft.</summary>
    public int MaxRepairRounds { get; set; } = 3;

    public bool UsesModel => !string.IsNullOrWhiteSpace(Provider) && !Provider.Equals("offline", StringComparison.OrdinalIgnoreCase);

    /// <summary>What makes these settings unusable, one message each (checked at start-up and before a client is built); empty when they work.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (UsesModel && !Provider.Equals("openai", StringComparison.OrdinalIgnoreCase) && !Provider.Equals("ollama", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Generation:Provider must be 'offline', 'openai' or 'ollama', not '{Provider}'.");
        }
        else if (UsesModel && string.IsNullOrWhiteSpace(Model))
        {
            problems.Add($"Generation:Model is required with Generation:Provider '{Provider}'.");
        }

        if (TimeoutMs <= 0)
        {
            problems.Add("Generation:TimeoutMs must be positive.");
        }

        return problems;
    }
}
