using System.Security.Cryptography;
using Toolflow.Storage.Database;
using Toolflow.Storage.Secrets;

namespace Toolflow.Storage.Tests.Repositories.Credentials;

public sealed class MasterKeyTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"toolflow-keys-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void TheKeyFile_IsCreatedOnFirstLoadWithMode0600_AndLoadedAgainUnchanged()
    {
        var path = Path.Combine(_folder, "master.key");

        var first = MasterKeyFile.LoadOrCreate(path);
        var second = MasterKeyFile.LoadOrCreate(path);

        Assert.Equal(first.Current.ToBase64(), second.Current.ToBase64());
        Assert.Equal(1, first.Current.Version);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void Load_PrefersTheConfiguredKey_AndKeepsPreviousKeysForOpening()
    {
        var current = MasterKey.Generate(2);
        var old = MasterKey.Generate(1);
        var secrets = new SecretsOptions { MasterKey = current.ToBase64(), KeyVersion = 2, PreviousKeys = { [1] = old.ToBase64() } };

        var ring = MasterKeyRing.Load(secrets, new DatabaseOptions { DataDirectory = _folder });

        Assert.Equal(2, ring.Current.Version);
        Assert.Equal(old.ToBase64(), ring.Find(1)?.ToBase64());
        Assert.False(File.Exists(Path.Combine(_folder, "master.key")));
    }

    [Fact]
    public void WithPostgres_AMissingConfiguredKey_IsRefused_UnlessTheKeyFileIsAllowed()
    {
        var postgres = new DatabaseOptions { Provider = "postgres", ConnectionString = "Host=localhost", DataDirectory = _folder };

        var error = Assert.Throws<SettingsException>(() => MasterKeyRing.Load(new SecretsOptions(), postgres));

        Assert.Contains("Secrets:MasterKey", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "master.key")));
        Assert.Equal(1, MasterKeyRing.Load(new SecretsOptions { AllowKeyFileWithPostgres = true }, postgres).Current.Version);
        Assert.True(File.Exists(Path.Combine(_folder, "master.key")));
    }

    [Fact]
    public void WithSqlite_TheKeyFileIsTheDefault()
    {
        var ring = MasterKeyRing.Load(new SecretsOptions(), new DatabaseOptions { DataDirectory = _folder });

        Assert.Equal(ring.Current.ToBase64(), MasterKeyFile.LoadOrCreate(Path.Combine(_folder, "master.key")).Current.ToBase64());
    }

    [Fact]
    public void ABadConfiguredKey_IsRefusedWithoutEchoingIt()
    {
        var error = Assert.Throws<SettingsException>(() => MasterKey.FromBase64(1, "c2hvcnQ="));
        Assert.DoesNotContain("c2hvcnQ=", error.Message, StringComparison.Ordinal);
        Assert.Throws<SettingsException>(() => MasterKey.FromBase64(1, "not base64!"));
    }

    [Fact]
    public void Save_AfterARotation_WritesBothKeys_WithTheNewOneCurrent()
    {
        var path = Path.Combine(_folder, "master.key");
        var ring = MasterKeyFile.LoadOrCreate(path).Rotate(MasterKey.Generate(2));

        MasterKeyFile.Save(path, ring);

        var loaded = MasterKeyFile.LoadOrCreate(path);
        Assert.Equal(2, loaded.Current.Version);
        Assert.NotNull(loaded.Find(1));
    }

    [Fact]
    public void ATamperedBlob_OrTheWrongKey_FailsToOpen()
    {
        var key = MasterKey.Generate(1);
        var id = Guid.NewGuid();
        var blob = CredentialCipher.Seal(key, id, "hello"u8);
        Assert.Equal("hello"u8.ToArray(), CredentialCipher.Open(key, id, blob));
        Assert.DoesNotContain(key.ToBase64(), key.ToString(), StringComparison.Ordinal);

        var tampered = (byte[])blob.Clone();
        tampered[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => CredentialCipher.Open(key, id, tampered));
        Assert.ThrowsAny<CryptographicException>(() => CredentialCipher.Open(MasterKey.Generate(1), id, blob));
        Assert.ThrowsAny<CryptographicException>(() => CredentialCipher.Open(key, Guid.NewGuid(), blob));
    }
}
