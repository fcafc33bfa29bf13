namespace Toolflow.Testing.Postgres;

/// <summary>
/// Where the PostgreSQL tests get their server, and whether they may be skipped:
/// <c>TOOLFLOW_TEST_POSTGRES</c> (a connection string) names an existing server; otherwise a
/// throwaway cluster is made from the installed server binaries. Without either the tests are
/// skipped with the reason, unless <c>TOOLFLOW_REQUIRE_POSTGRES=1</c> makes them run and fail.
/// </summary>
public static class PostgresEnvironment
{
    public const string ServerVariable = "TOOLFLOW_TEST_POSTGRES";
    public const string RequireVariable = "TOOLFLOW_REQUIRE_POSTGRES";

    private static readonly Lazy<string?> Reason = new(ComputeSkipReason);

    /// <summary>The connection string of an existing server to use, when one is configured.</summary>
    public static string? ExistingServer => NullIfEmpty(Environment.GetEnvironmentVariable(ServerVariable));

    public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Null when PostgreSQL tests must run; otherwise why they are skipped.</summary>
    public static string? SkipReason => Reason.Value;

    private static string? ComputeSkipReason()
    {
        if (ExistingServer is not null || Required || PostgresBinaries.TryFind() is not null)
        {
            return null;
        }

        return "PostgreSQL is not available: no initdb/pg_ctl on PATH or in /usr/lib/postgresql/*/bin, and " +
               $"{ServerVariable} is not set. Install the PostgreSQL server or set {ServerVariable} to a connection " +
               $"string; set {RequireVariable}=1 to make this a failure instead of a skip.";
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
