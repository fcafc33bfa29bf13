using Toolflow.Storage.Errors;

namespace Toolflow.Storage.Migrations;

/// <summary>The schema cannot be brought to the code's version safely; nothing was changed.</summary>
public class MigrationException : StorageException
{
    public MigrationException()
    {
    }

    public MigrationException(string message)
        : base(message)
    {
    }

    public MigrationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
