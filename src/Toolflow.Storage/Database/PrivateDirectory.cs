namespace Toolflow.Storage.Database;

/// <summary>
/// The data folder holds the SQLite file (workflows, execution inputs and outputs, the audit log),
/// the master key and the first admin key. A folder Toolflow creates itself is therefore open to its
/// owner only (0700), whatever the umask would give the files inside; a folder that already exists
/// keeps the mode its operator chose.
/// </summary>
public static class PrivateDirectory
{
    public static void Ensure(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
