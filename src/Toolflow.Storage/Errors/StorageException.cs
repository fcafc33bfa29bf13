namespace Toolflow.Storage.Errors;

/// <summary>The root of every error the storage layer reports on purpose.</summary>
public class StorageException : Exception
{
    public StorageException()
    {
    }

    public StorageException(string message)
        : base(message)
    {
    }

    public StorageException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
