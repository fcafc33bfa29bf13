namespace Toolflow.Tools.Database;

/// <summary>Administrator settings of <c>db.query</c> (configuration section <c>Tools:Database</c>).</summary>
public sealed class DbToolOptions
{
    public const string Section = "Tools:Database";

    /// <summary>
    /// Directories a <c>sqlite</c> credential's file may lie in. Empty means no SQLite file may be
    /// opened at all: otherwise any user could point a credential at the server's own files.
    /// </summary>
    public IList<string> SqliteDirectories { get; } = [];

    public int DefaultMaxRows { get; set; } = 1000;

    public int MaxRowsLimit { get; set; } = 100_000;

    public int DefaultTimeoutMs { get; set; } = 30_000;

    public int MaxTimeoutMs { get; set; } = 600_000;

    public int MaxSqlChars { get; set; } = 1024 * 1024;

    /// <summary>A rough cap on the text a result may hold, so a wide table cannot fill the worker's memory.</summary>
    public long MaxResultChars { get; set; } = 32L * 1024 * 1024;
}
