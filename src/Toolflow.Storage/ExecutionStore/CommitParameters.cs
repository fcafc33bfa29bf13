using Toolflow.Storage.Database;

namespace Toolflow.Storage.ExecutionStore;

/// <summary>
/// The numbered parameters of one generated commit statement. On PostgreSQL a value may carry its
/// type as a CAST: inside <c>VALUES</c> lists and select lists a null parameter has no type to
/// take from a column, and PostgreSQL would guess <c>text</c> (wrong for jsonb and timestamptz).
/// </summary>
internal sealed class CommitParameters(SqlDialect dialect)
{
    private readonly List<(string Name, object? Value)> _values = [];

    public (string Name, object? Value)[] Values => [.. _values];

    /// <summary>The placeholder for <paramref name="value"/>, cast to <paramref name="postgresType"/> on PostgreSQL.</summary>
    public string Add(object? value, string? postgresType = null)
    {
        var name = $"p{_values.Count}";
        _values.Add((name, value));
        return dialect == SqlDialect.Postgres && postgresType is not null ? $"CAST(@{name} AS {postgresType})" : $"@{name}";
    }
}
