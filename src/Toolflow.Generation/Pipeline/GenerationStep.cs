namespace Toolflow.Generation.Pipeline;

/// <summary>The states of the generator. Each transition is one entry of <c>generation_conversation</c>.</summary>
public enum GenerationStep
{
    Understand,
    RetrieveTools,
    Draft,
    Validate,
    Repair,
    Done,
    Failed,
}
