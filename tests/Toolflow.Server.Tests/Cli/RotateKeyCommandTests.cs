using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Toolflow.Core.Definitions;
using Toolflow.Server.Cli;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Database;
using Toolflow.Storage.Migrations;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Secrets;

namespace Toolflow.Server.Tests.Cli;

public sealed class RotateKeyCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-rotate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private IConfiguration Configuration(Dictionary<string, string?>? extra = null) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:DataDirectory"] = folder }.Concat(extra ?? []))
        .Build();

    [Fact]
    public async Task RotateKey_WithTheKeyFile_ReencryptsEveryCredential_AndTheyStillOpen()
    {
        var options = Configuration().ReadDatabaseOptions();
        Guid owner;
        await using (var database = ToolflowDatabase.Create(options))
        {
            await new Migrator(database).MigrateAsync(CancellationToken.None);
            var repositories = new ToolflowRepositories(database, TimeProvider.System, MasterKeyRing.Load(new SecretsOptions(), options));
            owner = (await repositories.Users.CreateAsync("a@example.org", "A", UserRole.Admin)).Id;
            await repositories.Credentials.CreateAsync(new Caller(owner, UserRole.Admin), "smtp-main", "smtp", new JsonObject { ["host"] = "mail", ["password"] = "hunter2" });
        }

        using var output = new StringWriter();
        var exit = await RotateKeyCommand.RunAsync(Configuration(), null, output, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, exit);
        Assert.Contains("re-encrypted 1 credential(s) under master key version 2", output.ToString(), StringComparison.Ordinal);
        var ring = MasterKeyRing.Load(new SecretsOptions(), options);
        Assert.Equal(2, ring.Current.Version);
        await using var reopened = ToolflowDatabase.Create(options);
        var secret = await new ToolflowRepositories(reopened, TimeProvider.System, new MasterKeyRing(ring.Current)).Credentials.ResolveSecretAsync(owner, "smtp-main");
        Assert.Equal("hunter2", (string)secret!["password"]!);
    }

    [Fact]
    public async Task RotateKey_WithAConfiguredKey_RequiresTheNewKey_AndWritesNothing()
    {
        using var error = new StringWriter();
        var configuration = Configuration(new() { ["Secrets:MasterKey"] = Convert.ToBase64String(new byte[32]) });

        var exit = await RotateKeyCommand.RunAsync(configuration, null, TextWriter.Null, error, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("--new-key", error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "toolflow.db")));
    }
}
