using Toolflow.Storage.Database;

namespace Toolflow.Storage.Secrets;

/// <summary>The key that seals new secrets (<see cref="Current"/>) and every key that may still open one.</summary>
public sealed class MasterKeyRing
{
    private readonly Dictionary<int, MasterKey> _byVersion;

    public MasterKeyRing(MasterKey current, IEnumerable<MasterKey>? previous = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        Current = current;
        _byVersion = (previous ?? []).ToDictionary(k => k.Version);
        _byVersion[current.Version] = current;
    }

    public MasterKey Current { get; }

    public IReadOnlyCollection<int> Versions => _byVersion.Keys;

    public MasterKey? Find(int version) => _byVersion.GetValueOrDefault(version);

    /// <summary>This ring with <paramref name="next"/> as the current key, the old ones kept for opening.</summary>
    public MasterKeyRing Rotate(MasterKey next) => new(next, _byVersion.Values.Where(k => k.Version != next.Version));

    /// <summary>
    /// From configuration when it names a key, else from (or into) the data directory's key file —
    /// for SQLite, or PostgreSQL only when <see cref="SecretsOptions.AllowKeyFileWithPostgres"/> says so.
    /// </summary>
    public static MasterKeyRing Load(SecretsOptions secrets, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(database);
        if (!string.IsNullOrWhiteSpace(secrets.MasterKey))
        {
            return FromSettings(secrets);
        }

        RequireKeyFileAllowed(secrets, database);
        return MasterKeyFile.LoadOrCreate(Path.Combine(database.DataDirectory, MasterKeyFile.FileName));
    }

    /// <summary>
    /// Throws <see cref="SettingsException"/> when the key settings cannot work — a configured key that is not
    /// base64 of 32 bytes, or PostgreSQL without a configured key — so start-up stops before anything runs.
    /// </summary>
    public static void CheckSettings(SecretsOptions secrets, DatabaseOptions database)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(database);
        if (!string.IsNullOrWhiteSpace(secrets.MasterKey))
        {
            _ = FromSettings(secrets);
            return;
        }

        RequireKeyFileAllowed(secrets, database);
    }

    private static void RequireKeyFileAllowed(SecretsOptions secrets, DatabaseOptions database)
    {
        if (database.GetDialect() == SqlDialect.Postgres && !secrets.AllowKeyFileWithPostgres)
        {
            throw new SettingsException(
                "Secrets:MasterKey is required with PostgreSQL (base64 of 32 bytes, the same on every process); " +
                "set Secrets:AllowKeyFileWithPostgres=true to use a key file on a single machine.");
        }
    }

    private static MasterKeyRing FromSettings(SecretsOptions secrets)
    {
        var previous = secrets.PreviousKeys.Select(p => MasterKey.FromBase64(p.Key, p.Value));
        return new MasterKeyRing(MasterKey.FromBase64(secrets.KeyVersion, secrets.MasterKey!), previous);
    }
}
