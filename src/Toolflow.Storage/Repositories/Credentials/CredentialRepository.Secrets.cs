using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Toolflow.Storage.Errors;
using Toolflow.Storage.Secrets;

namespace Toolflow.Storage.Repositories.Credentials;

public sealed partial class CredentialRepository
{
    private const int RotationBatch = 100;

    /// <summary>
    /// The plaintext secret of the credential of <paramref name="ownerId"/> named (or with the id)
    /// <paramref name="nameOrId"/>, for the engine at execution time; null when there is none.
    /// </summary>
    public async Task<JsonObject?> ResolveSecretAsync(Guid ownerId, string nameOrId, CancellationToken cancellationToken = default) =>
        (await ResolveTypedAsync(ownerId, nameOrId, cancellationToken))?.Secret;

    /// <summary>The credential's type and plaintext secret, for the tool that needs it at execution time.</summary>
    public Task<ResolvedSecret?> ResolveTypedAsync(Guid ownerId, string nameOrId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nameOrId);
        var byId = Guid.TryParse(nameOrId, out var id);
        return _sql.ReadAsync<ResolvedSecret?>(
            async db =>
            {
                var rows = await db.ListAsync(
                    $"SELECT id, type, key_version, encrypted_secret, hosts FROM credentials WHERE owner_id = @owner AND {(byId ? "id = @id" : "name = @name")}",
                    row => (Id: row.Guid("id"), Type: row.String("type"), Version: row.Int("key_version"), Blob: row.Bytes("encrypted_secret"), Hosts: row.Tags("hosts")),
                    ("owner", ownerId), ("id", id), ("name", nameOrId));
                return rows.Count == 0 ? null : new ResolvedSecret(rows[0].Type, Open(rows[0].Id, rows[0].Version, rows[0].Blob), rows[0].Hosts);
            },
            cancellationToken);
    }

    /// <summary>The same for a caller: only their own credentials (an admin reads no one else's secret).</summary>
    public Task<JsonObject?> ResolveSecretAsync(Caller caller, string nameOrId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ResolveSecretAsync(caller.UserId, nameOrId, cancellationToken);
    }

    /// <summary>
    /// Re-seals every credential under <paramref name="next"/> in batches (each row a compare-and-set
    /// on its key version, so concurrent edits are not overwritten), then makes it current here.
    /// Persist the new key (configuration or <see cref="MasterKeyFile.Save"/>) and keep the old one
    /// until every process runs with the new ring. Returns how many rows were re-sealed.
    /// </summary>
    public async Task<int> RotateAsync(MasterKey next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        var ring = Keys.Rotate(next);
        Volatile.Write(ref _keys, ring);
        var total = 0;
        while (true)
        {
            var moved = await _sql.WriteAsync(
                async db =>
                {
                    var rows = await db.ListAsync(
                        "SELECT id, key_version, encrypted_secret FROM credentials WHERE key_version <> @version ORDER BY id LIMIT @batch",
                        row => (Id: row.Guid("id"), Version: row.Int("key_version"), Blob: row.Bytes("encrypted_secret")),
                        ("version", next.Version), ("batch", RotationBatch));
                    foreach (var row in rows)
                    {
                        var old = ring.Find(row.Version) ?? throw new StorageException($"No key of version {row.Version} to open credential '{row.Id}'.");
                        var plaintext = CredentialCipher.Open(old, row.Id, row.Blob);
                        try
                        {
                            await db.ExecuteAsync(
                                "UPDATE credentials SET encrypted_secret = @blob, key_version = @next WHERE id = @id AND key_version = @old",
                                ("blob", CredentialCipher.Seal(next, row.Id, plaintext)), ("next", next.Version), ("id", row.Id), ("old", row.Version));
                        }
                        finally
                        {
                            CryptographicOperations.ZeroMemory(plaintext);
                        }
                    }

                    return rows.Count;
                },
                cancellationToken);
            total += moved;
            if (moved < RotationBatch)
            {
                return total;
            }
        }
    }

    private JsonObject Open(Guid id, int version, byte[] blob)
    {
        var key = Keys.Find(version) ?? throw new StorageException($"No key of version {version} to open credential '{id}'.");
        var plaintext = CredentialCipher.Open(key, id, blob);
        try
        {
            return JsonNode.Parse(plaintext) as JsonObject ?? throw new StorageException($"Credential '{id}' does not hold a JSON object.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
