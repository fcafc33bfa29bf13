using Toolflow.Core.Definitions;
using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories.Users;

/// <summary>
/// Users are administered, not owned: the API lets only admins reach these methods, so they take
/// no <see cref="Caller"/>. E-mail is unique regardless of case (the schema's lower(email) index).
/// </summary>
public sealed class UserRepository(ToolflowDatabase database, TimeProvider time)
{
    private readonly SqlSession _sql = new(database);

    /// <summary>A new user; an e-mail already taken (in any case) is a unique <see cref="Errors.ConstraintViolationException"/>.</summary>
    public Task<UserRecord> CreateAsync(string email, string displayName, UserRole role, CancellationToken cancellationToken = default)
    {
        new Check()
            .Name("/email", email, 320)
            .That(email is null || email.IndexOf('@', StringComparison.Ordinal) > 0, "/email", "is not an e-mail address")
            .Name("/displayName", displayName)
            .Enum("/role", role)
            .ThrowIfAny();
        var user = new UserRecord(Guid.CreateVersion7(), email!.Trim(), displayName.Trim(), role, Clock.Now(time), Clock.Now(time));
        return _sql.WriteAsync(
            async db =>
            {
                await db.ExecuteAsync(
                    "INSERT INTO users (id, email, display_name, role, created_at, updated_at) VALUES (@id, @email, @name, @role, @at, @at)",
                    ("id", user.Id), ("email", user.Email), ("name", user.DisplayName), ("role", SqlText.Of(role)), ("at", user.CreatedAt));
                return user with { UpdatedAt = user.CreatedAt };
            },
            cancellationToken);
    }

    public Task<UserRecord?> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(db => db.SingleOrDefaultAsync($"SELECT {UserRecord.Columns} FROM users WHERE id = @id", UserRecord.Read, ("id", id)), cancellationToken);

    /// <summary>Case-insensitive (ASCII on SQLite, whose lower() folds ASCII only).</summary>
    public Task<UserRecord?> GetByEmailAsync(string email, CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(
            db => db.SingleOrDefaultAsync($"SELECT {UserRecord.Columns} FROM users WHERE lower(email) = lower(@email)", UserRecord.Read, ("email", email.Trim())),
            cancellationToken);

    /// <summary>Users in creation order (ids are time-ordered), keyset-paged.</summary>
    public Task<Page<UserRecord>> ListAsync(string? cursor = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        var size = PageSize.Of(limit);
        var after = PageCursor.Decode(cursor, "users");
        return _sql.ReadAsync(
            async db =>
            {
                var sql = $"SELECT {UserRecord.Columns} FROM users {(after is null ? "" : "WHERE id > @after")} ORDER BY id LIMIT @limit";
                var rows = await db.ListAsync(sql, UserRecord.Read, ("after", after?.Id), ("limit", size + 1));
                var next = rows.Count > size ? new PageCursor("users", null, rows[size - 1].Id).Encode() : null;
                return new Page<UserRecord>(rows.Take(size).ToList(), next);
            },
            cancellationToken);
    }

    /// <summary>
    /// Deletes the user. API keys, ratings and shares granted to them go with them; audit entries,
    /// versions and executions keep a null author. A user who still owns workflows, credentials
    /// or tool instances cannot be deleted (ON DELETE RESTRICT): a foreign-key ConstraintViolationException.
    /// </summary>
    public Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken = default) =>
        _sql.WriteAsync(async db => await db.ExecuteAsync("DELETE FROM users WHERE id = @id", ("id", id)) > 0, cancellationToken);

    /// <summary>True when the database has no user yet (first start creates the admin).</summary>
    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(async db => await db.ScalarAsync("SELECT 1 FROM users LIMIT 1") is null, cancellationToken);
}
