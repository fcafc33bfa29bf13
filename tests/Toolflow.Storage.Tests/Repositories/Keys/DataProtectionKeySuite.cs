using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Keys;

/// <summary>The UI key ring's rows: stored as given, and replaced only by a compare-and-set (what <c>rotate-key</c> re-seals with).</summary>
public abstract class DataProtectionKeySuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    [StoreFact]
    public async Task Replace_ChangesTheRowThatStillReadsAsExpected_AndNothingElse()
    {
        var keys = _h.All.DataProtectionKeys;
        var marker = Guid.NewGuid().ToString("N");
        await keys.StoreAsync($"key-{marker}-a", $"<key id=\"{marker}-a\"><sealed v=\"1\" /></key>");
        await keys.StoreAsync($"key-{marker}-b", $"<key id=\"{marker}-b\"><sealed v=\"1\" /></key>");
        var (id, xml) = (await keys.ReadAllWithIdsAsync()).Single(r => r.Xml.Contains($"{marker}-a", StringComparison.Ordinal));
        var resealed = xml.Replace("v=\"1\"", "v=\"2\"", StringComparison.Ordinal);

        Assert.True(await keys.ReplaceAsync(id, xml, resealed));
        Assert.False(await keys.ReplaceAsync(id, xml, xml.Replace("v=\"1\"", "v=\"3\"", StringComparison.Ordinal))); // stale: another rotation got there first
        Assert.False(await keys.ReplaceAsync(Guid.NewGuid(), resealed, xml));

        var mine = (await keys.ReadAllAsync()).Where(x => x.Contains(marker, StringComparison.Ordinal)).ToList();
        Assert.Equal([resealed, $"<key id=\"{marker}-b\"><sealed v=\"1\" /></key>"], mine);
    }
}

public sealed class SqliteDataProtectionKeyTests(SqliteStoreFixture store) : DataProtectionKeySuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresDataProtectionKeyTests(PostgresStoreFixture store) : DataProtectionKeySuite(store), IClassFixture<PostgresStoreFixture>;
