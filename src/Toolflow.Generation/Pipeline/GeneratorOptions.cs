namespace Toolflow.Generation.Pipeline;

/// <summary>Limits of the generator's loop.</summary>
public sealed class GeneratorOptions
{
    /// <summary>Repair rounds after the first draft; the generator fails clearly after them.</summary>
    public int MaxRepairRounds { get; set; } = 3;

    /// <summary>How many tools retrieval hands to a drafter.</summary>
    public int RetrievedTools { get; set; } = 8;
}
