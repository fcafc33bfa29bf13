using Toolflow.Storage.Errors;

namespace Toolflow.Storage.Triggers;

/// <summary>A save would close a loop of workflow triggers (A starts after B, which starts after A).</summary>
public sealed class TriggerLoopException(string message) : StorageException(message);
