using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories.Keys;

/// <summary>
/// The rows of the Data Protection key ring: XML documents, stored as given (the caller seals their
/// secret part); the key manager decides which are current. A row changes only when <c>rotate-key</c>
/// re-seals its secret under a new master key (<see cref="ReplaceAsync"/>): the key inside stays the same.
/// </summary>
public sealed class DataProtectionKeyRepository(ToolflowDatabase database, TimeProvider time)
{
    private readonly SqlSession _sql = new(database);

    public Task<List<string>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(db => db.ListAsync("SELECT xml FROM data_protection_keys ORDER BY created_at, id", row => row.String("xml")), cancellationToken);

    /// <summary>Every row with its id, for re-sealing.</summary>
    public Task<List<(Guid Id, string Xml)>> ReadAllWithIdsAsync(CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(db => db.ListAsync("SELECT id, xml FROM data_protection_keys ORDER BY created_at, id", row => (row.Guid("id"), row.String("xml"))), cancellationToken);

    /// <summary>
    /// Replaces a row's XML if it still reads <paramref name="expected"/> (a compare-and-set, as credentials
    /// are re-sealed): false when another rotation got there first.
    /// </summary>
    public Task<bool> ReplaceAsync(Guid id, string expected, string replacement, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(expected);
        ArgumentException.ThrowIfNullOrEmpty(replacement);
        return _sql.WriteAsync(
            async db => await db.ExecuteAsync(
                "UPDATE data_protection_keys SET xml = @replacement WHERE id = @id AND xml = @expected",
                ("id", id), ("expected", expected), ("replacement", replacement)) == 1,
            cancellationToken);
    }

    public Task StoreAsync(string friendlyName, string xml, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        ArgumentException.ThrowIfNullOrEmpty(xml);
        return _sql.WriteAsync(
            db => db.ExecuteAsync(
                "INSERT INTO data_protection_keys (id, friendly_name, xml, created_at) VALUES (@id, @name, @xml, @now)",
                ("id", Guid.CreateVersion7()), ("name", friendlyName), ("xml", xml), ("now", time.GetUtcNow())),
            cancellationToken);
    }
}
