namespace Toolflow.Testing.Postgres;

/// <summary>The folder holding <c>initdb</c> and <c>pg_ctl</c>: PATH first, then Debian's versioned folders, newest first.</summary>
public static class PostgresBinaries
{
    public static string? TryFind()
    {
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
