using Toolflow.Storage.Database;

namespace Toolflow.Storage.Repositories.Keys;

/// <summary>
/// The rows of the Data Protection key ring: XML documents, stored as given (the caller seals their
/// secret part) and never changed; the key manager decides which are current.
/// </summary>
public sealed class DataProtectionKeyRepository(ToolflowDatabase database, TimeProvider time)
{
    private readonly SqlSession _sql = new(database);

    public Task<List<string>> ReadAllAsync(CancellationToken cancellationToken = default) =>
        _sql.ReadAsync(db => db.ListAsync("SELECT xml FROM data_protection_keys ORDER BY created_at, id", row => row.String("xml")), cancellationToken);

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
