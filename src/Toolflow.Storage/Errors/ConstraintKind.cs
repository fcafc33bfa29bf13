namespace Toolflow.Storage.Errors;

/// <summary>Which kind of integrity rule a write broke.</summary>
public enum ConstraintKind
{
    Unique,
    ForeignKey,
    Check,
    NotNull,
}
