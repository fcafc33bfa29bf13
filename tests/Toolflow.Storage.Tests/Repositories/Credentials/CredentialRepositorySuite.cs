using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Toolflow.Storage.Database;
using Toolflow.Storage.Errors;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Credentials;
using Toolflow.Storage.Secrets;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Credentials;

public abstract class CredentialRepositorySuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    private static JsonObject Secret(string marker) => new() { ["username"] = "mailer", ["password"] = marker };

    [StoreFact]
    public async Task Create_ReturnsMetadataOnly_AndResolveSecret_ByNameOrId_ReturnsThePlaintext()
    {
        var owner = await _h.MemberAsync();
        var marker = $"pw-{Guid.NewGuid():N}";

        var credential = await _h.Credentials.CreateAsync(owner, "smtp-main", "smtp", Secret(marker));

        Assert.Equal(1, credential.KeyVersion);
        Assert.DoesNotContain(marker, credential.ToString(), StringComparison.Ordinal);
        Assert.Equal(credential, await _h.Credentials.GetAsync(owner, credential.Id));
        Assert.Equal(marker, (await _h.Credentials.ResolveSecretAsync(owner.UserId, "smtp-main"))?["password"]?.GetValue<string>());
        Assert.Equal(marker, (await _h.Credentials.ResolveSecretAsync(owner, credential.Id.ToString()))?["password"]?.GetValue<string>());
        Assert.Null(await _h.Credentials.ResolveSecretAsync(owner.UserId, "missing"));
    }

    [StoreFact]
    public async Task A_host_binding_is_stored_normalised_listed_and_resolved_with_the_secret()
    {
        var owner = await _h.MemberAsync();
        var credential = await _h.Credentials.CreateAsync(owner, "gh", "http-bearer", new JsonObject { ["token"] = "t" }, ["API.GitHub.com.", "*.example.com", "api.github.com"]);

        Assert.Equal(["api.github.com", "*.example.com"], credential.Hosts);
        Assert.Equal(credential.Hosts, (await _h.Credentials.GetAsync(owner, credential.Id))!.Hosts);
        Assert.Equal(credential.Hosts, (await _h.Credentials.ResolveTypedAsync(owner.UserId, "gh"))!.Hosts);

        var renamed = await _h.Credentials.UpdateAsync(owner, credential.Id, new CredentialUpdate { Name = "github" });
        Assert.Equal(credential.Hosts, renamed.Hosts);
        var unbound = await _h.Credentials.UpdateAsync(owner, credential.Id, new CredentialUpdate { Hosts = [] });
        Assert.Empty(unbound.Hosts);
        Assert.Empty((await _h.Credentials.ResolveTypedAsync(owner.UserId, "github"))!.Hosts);
    }

    [StoreFact]
    public async Task A_bad_host_binding_is_refused_naming_the_entry_and_writes_nothing()
    {
        var owner = await _h.MemberAsync();
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _h.Credentials.CreateAsync(owner, "bad", "http-bearer", new JsonObject { ["token"] = "t" }, ["ok.example.com", "not a host", "*.*.x"]));

        Assert.Equal(["/hosts/1", "/hosts/2"], error.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(await _h.Credentials.ListAsync(owner));
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _h.Credentials.CreateAsync(owner, "many", "http-bearer", new JsonObject { ["token"] = "t" }, [.. Enumerable.Range(0, 51).Select(i => $"h{i}.example.com")]));
    }

    [StoreFact]
    public async Task APlaintextSecret_NeverAppearsInTheDatabase()
    {
        var (fresh, options) = await RepositoryHarness.FreshAsync(store);
        await using var _ = fresh;
        var owner = await fresh.MemberAsync();
        var marker = $"needle-{Guid.NewGuid():N}";
        var credential = await fresh.Credentials.CreateAsync(owner, "db", "postgres", Secret(marker));
        await fresh.Credentials.UpdateAsync(owner, credential.Id, new CredentialUpdate { Secret = Secret(marker + "-2") });
        await fresh.Credentials.RotateAsync(MasterKey.Generate(2));
        Assert.Equal(marker + "-2", (await fresh.Credentials.ResolveSecretAsync(owner.UserId, "db"))?["password"]?.GetValue<string>());

        if (store.Dialect == SqlDialect.Sqlite)
        {
            var folder = options.DataDirectory;
            var needle = Encoding.UTF8.GetBytes(marker);
            foreach (var file in Directory.GetFiles(folder, "toolflow.db*"))
            {
                var bytes = await ReadSharedAsync(file);
                Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"the plaintext is in {Path.GetFileName(file)}");
            }
        }
        else
        {
            var columns = await fresh.Database.QueryAsync(
                "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name IN (SELECT tablename FROM pg_tables WHERE schemaname = 'public')");
            Assert.NotEmpty(columns);
            foreach (var column in columns)
            {
                var (table, name) = ((string)column["table_name"]!, (string)column["column_name"]!);
                var sql = (string)column["data_type"]! == "bytea"
                    ? $"SELECT count(*) FROM \"{table}\" WHERE position(convert_to(@marker, 'UTF8') IN \"{name}\") > 0"
                    : $"SELECT count(*) FROM \"{table}\" WHERE \"{name}\"::text LIKE '%' || @marker || '%'";
                Assert.True(await fresh.Database.CountAsync(sql, new { marker }) == 0, $"the plaintext is in {table}.{name}");
            }
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    [StoreFact]
    public async Task AnotherUser_ReachesNoCredential_AndAnAdminSeesMetadataButNoSecret()
    {
        var owner = await _h.MemberAsync();
        var stranger = await _h.MemberAsync();
        var admin = await _h.AdminAsync();
        var credential = await _h.Credentials.CreateAsync(owner, "api", "bearer", Secret("s3cret"));

        Assert.Null(await _h.Credentials.GetAsync(stranger, credential.Id));
        Assert.Empty(await _h.Credentials.ListAsync(stranger));
        Assert.Null(await _h.Credentials.ResolveSecretAsync(stranger, credential.Id.ToString()));
        Assert.Null(await _h.Credentials.ResolveSecretAsync(stranger, "api"));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Credentials.UpdateAsync(stranger, credential.Id, new CredentialUpdate { Name = "mine" }));
        Assert.False(await _h.Credentials.DeleteAsync(stranger, credential.Id));
        Assert.NotNull(await _h.Credentials.GetAsync(admin, credential.Id));
        Assert.Null(await _h.Credentials.ResolveSecretAsync(admin, credential.Id.ToString()));
        Assert.Equal("api", (await _h.Credentials.GetAsync(owner, credential.Id))?.Name);
    }

    [StoreFact]
    public async Task UpdateAndDelete_ByTheOwner_RenameReplaceAndRemove()
    {
        var owner = await _h.MemberAsync();
        var credential = await _h.Credentials.CreateAsync(owner, "old", "smtp", Secret("one"));

        var renamed = await _h.Credentials.UpdateAsync(owner, credential.Id, new CredentialUpdate { Name = "new", Secret = Secret("two") });

        Assert.Equal(("new", "smtp"), (renamed.Name, renamed.Type));
        Assert.Equal("two", (await _h.Credentials.ResolveSecretAsync(owner.UserId, "new"))?["password"]?.GetValue<string>());
        Assert.Equal(["new"], (await _h.Credentials.ListAsync(owner)).Select(c => c.Name));
        Assert.True(await _h.Credentials.DeleteAsync(owner, credential.Id));
        Assert.Null(await _h.Credentials.GetAsync(owner, credential.Id));
    }

    [StoreFact]
    public async Task BadInput_IsATypedErrorAndWritesNothing()
    {
        var owner = await _h.MemberAsync();
        await _h.Credentials.CreateAsync(owner, "taken", "smtp", Secret("x"));
        var before = await _h.CountAsync("credentials");

        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Credentials.CreateAsync(owner, new string('c', 201), "smtp", Secret("x")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Credentials.CreateAsync(owner, "ok", "", Secret("x")));
        var duplicate = await Assert.ThrowsAsync<ConstraintViolationException>(() => _h.Credentials.CreateAsync(owner, "taken", "smtp", Secret("y")));
        Assert.Equal(ConstraintKind.Unique, duplicate.Kind);

        Assert.Equal(before, await _h.CountAsync("credentials"));
    }

    [StoreFact]
    public async Task ABlobSwappedOntoAnotherRow_CannotBeOpened()
    {
        var owner = await _h.MemberAsync();
        var first = await _h.Credentials.CreateAsync(owner, "first", "t", Secret("first-secret"));
        var second = await _h.Credentials.CreateAsync(owner, "second", "t", Secret("second-secret"));

        await _h.Database.ExecuteAsync(
            "UPDATE credentials SET encrypted_secret = (SELECT encrypted_secret FROM credentials WHERE id = @first) WHERE id = @second",
            new { first = first.Id, second = second.Id });

        await Assert.ThrowsAnyAsync<CryptographicException>(() => _h.Credentials.ResolveSecretAsync(owner.UserId, "second"));
        Assert.Equal("first-secret", (await _h.Credentials.ResolveSecretAsync(owner.UserId, "first"))?["password"]?.GetValue<string>());
    }

    [StoreFact]
    public async Task Rotate_ResealsEveryRowUnderTheNewKey_SoTheOldKeyIsNoLongerNeeded()
    {
        var (h, _) = await RepositoryHarness.FreshAsync(store);
        await using var __ = h;
        var owner = await h.MemberAsync();
        var credentials = new List<CredentialRecord>();
        for (var i = 0; i < 5; i++)
        {
            credentials.Add(await h.Credentials.CreateAsync(owner, $"c{i}", "t", Secret($"secret-{i}")));
        }

        var next = MasterKey.Generate(7);
        var moved = await h.Credentials.RotateAsync(next);

        Assert.True(moved >= 5);
        Assert.Equal(0, await h.Database.CountAsync("SELECT count(*) FROM credentials WHERE key_version <> 7"));
        var onlyNewKey = new CredentialRepository(h.Database, h.Clock, new MasterKeyRing(next));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"secret-{i}", (await onlyNewKey.ResolveSecretAsync(owner.UserId, $"c{i}"))?["password"]?.GetValue<string>());
        }

        Assert.Equal(7, (await h.Credentials.CreateAsync(owner, "after", "t", Secret("z"))).KeyVersion);
        Assert.Equal(0, await h.Credentials.RotateAsync(next));
    }
}

public sealed class SqliteCredentialRepositoryTests(SqliteStoreFixture store) : CredentialRepositorySuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresCredentialRepositoryTests(PostgresStoreFixture store) : CredentialRepositorySuite(store), IClassFixture<PostgresStoreFixture>;
