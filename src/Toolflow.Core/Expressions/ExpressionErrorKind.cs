namespace Toolflow.Core.Expressions;

/// <summary>Why a script stopped; callers branch on this, never on message text.</summary>
public enum ExpressionErrorKind
{
    /// <summary>The code does not parse.</summary>
    Syntax,

    /// <summary>The script threw (TypeError, ReferenceError, a user <c>throw</c> …).</summary>
    Script,

    /// <summary>It ran longer than the time limit.</summary>
    Timeout,

    /// <summary>It allocated more than the memory limit.</summary>
    Memory,

    /// <summary>It executed more statements than allowed.</summary>
    Statements,

    /// <summary>It recursed deeper than allowed.</summary>
    Recursion,

    /// <summary>The value cannot be converted to JSON (cycle, too deep, too large).</summary>
    Conversion,

    /// <summary>The caller cancelled the evaluation.</summary>
    Cancelled,
}
