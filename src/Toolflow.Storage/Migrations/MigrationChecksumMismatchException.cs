namespace Toolflow.Storage.Migrations;

/// <summary>An applied migration's script was edited afterwards; released scripts must never change.</summary>
public sealed class MigrationChecksumMismatchException : MigrationException
{
    public MigrationChecksumMismatchException()
    {
    }

    public MigrationChecksumMismatchException(string message)
        : base(message)
    {
    }

    public MigrationChecksumMismatchException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    public MigrationChecksumMismatchException(int version, string name)
        : base($"Migration {version:D4}_{name} was applied with a different script than the one in this build. " +
               "Applied migrations must not be edited; add a new migration instead. Nothing was changed.")
    {
        Version = version;
        Name = name;
    }

    public int Version { get; }

    public string Name { get; } = "";
}
