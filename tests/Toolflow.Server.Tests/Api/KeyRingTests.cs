using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;

namespace Toolflow.Server.Tests.Api;

/// <summary>
/// Data Protection (session cookies) keeps its key ring in the database, sealed with the master key:
/// what one server protects, another on the same database opens, and a restart keeps every session.
/// </summary>
public sealed class KeyRingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-keyring-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void What_one_server_protects_another_on_the_same_database_opens()
    {
        string token;
        using (var first = new SharedFolderFactory(folder))
        {
            token = Protector(first).Protect("session of Ada");
        }

        // Another process on the same database (and, the same thing, the first one restarted).
        using var second = new SharedFolderFactory(folder);
        Assert.Equal("session of Ada", Protector(second).Unprotect(token));
    }

    [Fact]
    public async Task The_key_ring_is_in_the_database_with_its_secret_sealed_by_the_master_key()
    {
        using var server = new SharedFolderFactory(folder);
        Protector(server).Protect("anything");

        var rows = await server.Services.GetRequiredService<ToolflowDatabase>().QueryAsync("SELECT friendly_name, xml FROM data_protection_keys");
        var row = Assert.Single(rows);
        var xml = (string)row["xml"]!;
        Assert.Contains("sealedWithMasterKey", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "keys")));
    }

    [Fact]
    public void A_server_with_another_master_key_cannot_open_the_ring()
    {
        string token;
        using (var first = new SharedFolderFactory(folder))
        {
            token = Protector(first).Protect("secret");
        }

        // The same key version with other key bytes: the sealed ring no longer opens.
        var masterKeyFile = Directory.GetFiles(folder, Toolflow.Storage.Secrets.MasterKeyFile.FileName, SearchOption.AllDirectories).Single();
        File.WriteAllText(masterKeyFile, $"1:{Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}\n");
        using var stranger = new SharedFolderFactory(folder);
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(stranger).Unprotect(token));
    }

    private static IDataProtector Protector(ToolflowFactory factory) =>
        factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Toolflow.Tests.KeyRing");

    private sealed class SharedFolderFactory(string folder) : ToolflowFactory(folder, ownsDirectory: false);
}
