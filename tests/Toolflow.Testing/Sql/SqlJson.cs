namespace Toolflow.Testing.Sql;

/// <summary>A JSON value passed as a SQL parameter: jsonb on PostgreSQL, TEXT on SQLite.</summary>
public sealed record SqlJson(string Text);
