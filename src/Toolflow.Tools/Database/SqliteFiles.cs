using Microsoft.Data.Sqlite;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Database;

/// <summary>Opens only SQLite files inside the directories the administrator allowed, and never creates one.</summary>
internal static class SqliteFiles
{
    public static string ConnectionString(DbSecret secret, DbToolOptions options, bool readOnly)
    {
        var path = secret.SqlitePath ?? throw new ArgumentException("not a sqlite credential", nameof(secret));
        if (path.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            // A URI file name could carry its own mode and path outside the allowed directories.
            throw NotAllowed("the sqlite credential's path must be a file path, not a file: URI");
        }

        var full = Path.GetFullPath(path);
        var allowed = options.SqliteDirectories.Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d)) + Path.DirectorySeparatorChar);
        if (!allowed.Any(dir => full.StartsWith(dir, StringComparison.Ordinal)))
        {
            throw NotAllowed(options.SqliteDirectories.Count == 0
                ? "no SQLite directory is allowed; an administrator may allow one in Tools:Database:SqliteDirectories"
                : "the sqlite credential's file is outside the directories allowed in Tools:Database:SqliteDirectories");
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWrite,
            Pooling = true,
        }.ToString();
    }

    private static ToolFailureException NotAllowed(string message) => new("not_allowed", message, retryable: false);
}
