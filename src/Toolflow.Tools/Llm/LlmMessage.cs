namespace Toolflow.Tools.Llm;

/// <summary>One chat message of the conversation sent to the model.</summary>
public sealed record LlmMessage(string Role, string Content);
