using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Toolflow.Core.Contracts.Credentials;
using Toolflow.Storage.Database;
using Toolflow.Storage.Secrets;

namespace Toolflow.Storage.Repositories.Credentials;

/// <summary>
/// Credentials, sealed with AES-256-GCM before they reach SQL (<see cref="CredentialCipher"/>).
/// The owner sees and changes their credentials; admins see metadata; nobody reads a secret back
/// except <see cref="ResolveSecretAsync(Guid, string, CancellationToken)"/> at execution time.
/// </summary>
public sealed partial class CredentialRepository(ToolflowDatabase database, TimeProvider time, MasterKeyRing keys)
{
    private readonly SqlSession _sql = new(database);
    private MasterKeyRing _keys = keys;

    /// <summary>The keys in use (after <see cref="RotateAsync"/>, the new one is current).</summary>
    public MasterKeyRing Keys => Volatile.Read(ref _keys);

    public Task<CredentialRecord> CreateAsync(Caller owner, string name, string type, JsonObject secret, CancellationToken cancellationToken = default) =>
        CreateAsync(owner, name, type, secret, [], cancellationToken);

    /// <summary>Creates a credential bound to <paramref name="hosts"/> (empty: not bound).</summary>
    public Task<CredentialRecord> CreateAsync(Caller owner, string name, string type, JsonObject secret, IReadOnlyList<string> hosts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(hosts);
        new Check().Name("/name", name).Name("/type", type, 64).That(secret is not null, "/secret", "is required").Hosts("/hosts", hosts).ThrowIfAny();
        var bound = CredentialHosts.Normalise(hosts);
        var id = Guid.CreateVersion7();
        var key = Keys.Current;
        var blob = Seal(key, id, secret!);
        var now = Clock.Now(time);
        return _sql.WriteAsync(
            async db =>
            {
                await db.ExecuteAsync(
                    """
                    INSERT INTO credentials (id, owner_id, name, type, encrypted_secret, key_version, created_at, updated_at, hosts)
                    VALUES (@id, @owner, @name, @type, @blob, @version, @now, @now, @hosts)
                    """,
                    ("id", id), ("owner", owner.UserId), ("name", name.Trim()), ("type", type.Trim()), ("blob", blob),
                    ("version", key.Version), ("now", now), ("hosts", bound));
                return new CredentialRecord(id, owner.UserId, name.Trim(), type.Trim(), key.Version, now, now) { Hosts = bound };
            },
            cancellationToken);
    }

    /// <summary>The credential's metadata for its owner or an admin; null for anyone else.</summary>
    public Task<CredentialRecord?> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(
            db => db.SingleOrDefaultAsync(
                $"SELECT {CredentialRecord.Columns} FROM credentials WHERE id = @id AND (owner_id = @caller OR @admin)",
                CredentialRecord.Read, ("id", id), ("caller", caller.UserId), ("admin", caller.IsAdmin)),
            cancellationToken);

    /// <summary>The caller's own credentials by name.</summary>
    public Task<IReadOnlyList<CredentialRecord>> ListAsync(Caller caller, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync<IReadOnlyList<CredentialRecord>>(
            async db => await db.ListAsync(
                $"SELECT {CredentialRecord.Columns} FROM credentials WHERE owner_id = @caller ORDER BY name, id",
                CredentialRecord.Read, ("caller", caller.UserId)),
            cancellationToken);

    /// <summary>Renames, retypes or replaces the secret of the owner's credential (<see cref="NotFoundException"/> for others).</summary>
    public Task<CredentialRecord> UpdateAsync(Caller caller, Guid id, CredentialUpdate update, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(update);
        var check = new Check();
        if (update.Name is not null)
        {
            check.Name("/name", update.Name);
        }

        if (update.Type is not null)
        {
            check.Name("/type", update.Type, 64);
        }

        if (update.Hosts is not null)
        {
            check.Hosts("/hosts", update.Hosts);
        }

        check.ThrowIfAny();
        var key = Keys.Current;
        var blob = update.Secret is null ? null : Seal(key, id, update.Secret);
        return _sql.WriteAsync(
            async db =>
            {
                var changed = await db.ExecuteAsync(
                    $"""
                    UPDATE credentials
                       SET name = coalesce(@name, name), type = coalesce(@type, type), updated_at = @now
                           {(blob is null ? "" : ", encrypted_secret = @blob, key_version = @version")}
                           {(update.Hosts is null ? "" : ", hosts = @hosts")}
                     WHERE id = @id AND owner_id = @caller
                    """,
                    ("name", update.Name?.Trim()), ("type", update.Type?.Trim()), ("now", Clock.Now(time)), ("blob", blob),
                    ("version", key.Version), ("id", id), ("caller", caller.UserId), ("hosts", CredentialHosts.Normalise(update.Hosts ?? [])));
                return changed == 0
                    ? throw new NotFoundException("credential", id.ToString())
                    : (await db.SingleOrDefaultAsync($"SELECT {CredentialRecord.Columns} FROM credentials WHERE id = @id", CredentialRecord.Read, ("id", id)))!;
            },
            cancellationToken);
    }

    /// <summary>Deletes the owner's credential; tool instances using it lose the link (ON DELETE SET NULL).</summary>
    public Task<bool> DeleteAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        _sql.WriteAsync(
            async db => await db.ExecuteAsync("DELETE FROM credentials WHERE id = @id AND owner_id = @caller", ("id", id), ("caller", caller.UserId)) > 0,
            cancellationToken);

    internal static byte[] Seal(MasterKey key, Guid id, JsonObject secret)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret.ToJsonString());
        try
        {
            return CredentialCipher.Seal(key, id, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
