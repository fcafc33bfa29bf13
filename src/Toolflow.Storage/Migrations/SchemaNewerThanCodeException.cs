namespace Toolflow.Storage.Migrations;

/// <summary>
/// The database was migrated by a newer Toolflow. Running older code against it could corrupt
/// data, so the migrator refuses and the server does not start.
/// </summary>
public sealed class SchemaNewerThanCodeException : MigrationException
{
    public SchemaNewerThanCodeException()
    {
    }

    public SchemaNewerThanCodeException(string message)
        : base(message)
    {
    }

    public SchemaNewerThanCodeException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public SchemaNewerThanCodeException(int databaseVersion, int codeVersion)
        : base($"The database schema is at version {databaseVersion}, but this Toolflow only knows migrations up to " +
               $"version {codeVersion}. It was migrated by a newer Toolflow: upgrade Toolflow, or restore a backup " +
               "taken before that upgrade. Nothing was changed.")
    {
        DatabaseVersion = databaseVersion;
        CodeVersion = codeVersion;
    }

    public int DatabaseVersion { get; }

    public int CodeVersion { get; }
}
