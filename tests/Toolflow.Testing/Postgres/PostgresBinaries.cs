namespace Toolflow.Testing.Postgres;

/// <summary>
/// The folder holding <c>initdb</c> and <c>pg_ctl</c>: the one named by TOOLFLOW_TEST_POSTGRES_BIN
/// if set (and only it), else PATH, then Debian's versioned folders, newest first.
/// </summary>
public static class PostgresBinaries
{
    public const string FolderVariable = "TOOLFLOW_TEST_POSTGRES_BIN";

    public static string? TryFind()
    {
        var chosen = Environment.GetEnvironmentVariable(FolderVariable);
        if (!string.IsNullOrWhiteSpace(chosen))
        {
            return HasServer(chosen) ? chosen : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var folder in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (HasServer(folder))
            {
                return folder;
            }
        }

        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian))
        {
            return null;
        }

        return Directory.GetDirectories(debian)
            .Select(version => Path.Combine(version, "bin"))
            .Where(HasServer)
            .OrderByDescending(folder => int.TryParse(Path.GetFileName(Path.GetDirectoryName(folder)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    private static bool HasServer(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "pg_ctl"));
}
