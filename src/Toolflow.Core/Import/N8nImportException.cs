namespace Toolflow.Core.Import;

/// <summary>Why an n8n document could not be read at all (as opposed to nodes that could not be converted).</summary>
public enum N8nImportErrorKind
{
    /// <summary>The text is not JSON.</summary>
    NotJson,

    /// <summary>JSON, but not an n8n workflow export (no <c>nodes</c> array of named, typed nodes).</summary>
    NotAnN8nExport,

    /// <summary>An export whose <c>nodes</c> array is empty.</summary>
    NoNodes,

    /// <summary>Two nodes share a name; n8n connections are keyed by name, so the graph is ambiguous.</summary>
    DuplicateNodeName,

    /// <summary>A connection names a node that does not exist.</summary>
    DanglingConnection,
}

/// <summary>A broken export: a typed error with a message that says what is wrong and where.</summary>
public sealed class N8nImportException : Exception
{
    public N8nImportException(N8nImportErrorKind kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    public N8nImportException()
        : this(N8nImportErrorKind.NotAnN8nExport, "not an n8n export")
    {
    }

    public N8nImportException(string message)
        : this(N8nImportErrorKind.NotAnN8nExport, message)
    {
    }

    public N8nImportException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = N8nImportErrorKind.NotJson;
    }

    public N8nImportErrorKind Kind { get; }

    /// <summary>True when the input is not an n8n export at all (the CLI exits 2 only for <see cref="N8nImportErrorKind.NotJson"/>, 1 otherwise).</summary>
    public bool IsNotAnExport => Kind is N8nImportErrorKind.NotJson or N8nImportErrorKind.NotAnN8nExport or N8nImportErrorKind.NoNodes;
}
