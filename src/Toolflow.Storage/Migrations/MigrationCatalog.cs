using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.Migrations;

/// <summary>
/// The migrations this build of Toolflow knows, read from the embedded
/// <c>sql/&lt;dialect&gt;/NNNN_name.sql</c> resources, in version order.
/// </summary>
public static partial class MigrationCatalog
{
    private static readonly Lazy<IReadOnlyList<Migration>> Postgres = new(() => Load("postgres"));
    private static readonly Lazy<IReadOnlyList<Migration>> Sqlite = new(() => Load("sqlite"));

    public static IReadOnlyList<Migration> For(SqlDialect dialect) =>
        dialect == SqlDialect.Postgres ? Postgres.Value : Sqlite.Value;

    /// <summary>The highest version this code knows for <paramref name="dialect"/>.</summary>
    public static int LatestVersion(SqlDialect dialect) => For(dialect)[^1].Version;

    /// <summary>SHA-256 of the script with line endings normalised, so a checkout on Windows agrees.</summary>
    public static string ChecksumOf(string sql)
    {
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    private static List<Migration> Load(string folder)
    {
        var assembly = typeof(MigrationCatalog).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ResourceName().Match(resource);
            if (!match.Success || match.Groups["dialect"].Value != folder)
            {
                continue;
            }

            var sql = Read(assembly, resource);
            migrations.Add(new Migration(
                int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                sql,
                ChecksumOf(sql)));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new InvalidOperationException($"Two {folder} migrations share version {migrations[i].Version}.");
            }
        }

        return migrations.Count > 0
            ? migrations
            : throw new InvalidOperationException($"No embedded {folder} migrations were found in {assembly.GetName().Name}.");
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^sql/(?<dialect>postgres|sqlite)/(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceName();
}
