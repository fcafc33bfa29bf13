using Toolflow.Core.Definitions;
using Toolflow.Storage.Database;
using Toolflow.Storage.Repositories.Users;

namespace Toolflow.Storage.Repositories.ApiKeys;

/// <summary>
/// API keys, stored as the prefix the user sees and the SHA-256 the caller computed
/// (Toolflow.Server's ApiKeyFormat). The key itself never reaches this class.
/// </summary>
public sealed class ApiKeyRepository(ToolflowDatabase database, TimeProvider time)
{
    private readonly SqlSession _sql = new(database);

    public Task<ApiKeyRecord> CreateAsync(Guid userId, string name, string prefix, string hash, CancellationToken cancellationToken = default)
    {
        new Check().Name("/name", name).Name("/prefix", prefix, 32).Name("/hash", hash, 128).ThrowIfAny();
        var key = new ApiKeyRecord(Guid.CreateVersion7(), userId, name.Trim(), prefix, Clock.Now(time), null, null);
        return _sql.WriteAsync(
            async db =>
            {
                await db.ExecuteAsync(
                    "INSERT INTO api_keys (id, user_id, name, key_prefix, key_hash, created_at) VALUES (@id, @user, @name, @prefix, @hash, @at)",
                    ("id", key.Id), ("user", userId), ("name", key.Name), ("prefix", prefix), ("hash", hash), ("at", key.CreatedAt));
                return key;
            },
            cancellationToken);
    }

    /// <summary>
    /// The live key with this hash and its user, touching last_used_at; null when unknown or revoked.
    /// One UPDATE … RETURNING, so authenticating costs one round trip.
    /// </summary>
    public Task<(ApiKeyRecord Key, UserRecord User)?> FindByHashAsync(string hash, CancellationToken cancellationToken = default) =>
        _sql.WriteAsync(
            async db =>
            {
                var key = await db.SingleOrDefaultAsync(
                    $"UPDATE api_keys SET last_used_at = @now WHERE key_hash = @hash AND revoked_at IS NULL RETURNING {ApiKeyRecord.Columns}",
                    ApiKeyRecord.Read, ("hash", hash), ("now", Clock.Now(time)));
                if (key is null)
                {
                    return ((ApiKeyRecord, UserRecord)?)null;
                }

                var user = await db.SingleOrDefaultAsync($"SELECT {UserRecord.Columns} FROM users WHERE id = @id", UserRecord.Read, ("id", key.UserId));
                return user is null ? null : (key, user);
            },
            cancellationToken);

    /// <summary>True while the key exists and is not revoked (a long-lived connection asks again from time to time).</summary>
    public Task<bool> IsLiveAsync(Guid id, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(
            async db => await db.ScalarAsync("SELECT 1 FROM api_keys WHERE id = @id AND revoked_at IS NULL", ("id", id)) is not null,
            cancellationToken);

    /// <summary>The user's keys, newest first (an admin may list anyone's; a member only their own).</summary>
    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(Caller caller, Guid userId, CancellationToken cancellationToken = default)
    {
        if (!caller.IsAdmin && caller.UserId != userId)
        {
            return Task.FromResult<IReadOnlyList<ApiKeyRecord>>([]);
        }

        return _sql.ReadAsync<IReadOnlyList<ApiKeyRecord>>(
            async db => await db.ListAsync($"SELECT {ApiKeyRecord.Columns} FROM api_keys WHERE user_id = @user ORDER BY id DESC", ApiKeyRecord.Read, ("user", userId)),
            cancellationToken);
    }

    /// <summary>Revokes a key of the caller (or any key, for an admin); false when there is no such live key.</summary>
    public Task<bool> RevokeAsync(Caller caller, Guid id, CancellationToken cancellationToken = default) =>
        _sql.WriteAsync(
            async db => await db.ExecuteAsync(
                "UPDATE api_keys SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL AND (@admin OR user_id = @user)",
                ("id", id), ("now", Clock.Now(time)), ("admin", caller.Role == UserRole.Admin), ("user", caller.UserId)) > 0,
            cancellationToken);
}
