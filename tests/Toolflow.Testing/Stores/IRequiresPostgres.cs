namespace Toolflow.Testing.Stores;

/// <summary>Marks a fixture that needs PostgreSQL, so store tests bound to it skip when there is none.</summary>
public interface IRequiresPostgres;
