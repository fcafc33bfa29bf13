using System.CommandLine;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Database;
using Toolflow.Storage.Migrations;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Secrets;

namespace Toolflow.Server.Cli;

/// <summary>
/// <c>toolflow rotate-key [--new-key BASE64]</c>: re-encrypts every credential, and re-seals the web UI's
/// Data Protection key ring, under a new master key.
/// With the embedded key file, the new key is generated and added to the file before any row moves,
/// so a crash half-way leaves every row readable. With a configured key, the operator brings the new
/// key (so it never has to be printed) and then configures it, keeping the old one in
/// <c>Secrets:PreviousKeys</c> until every process has the new one.
/// </summary>
internal static class RotateKeyCommand
{
    public static readonly Option<string?> NewKey = new("--new-key")
    {
        Description = "The new master key, base64 of 32 bytes (required when Secrets:MasterKey is configured).",
    };

    public static Command Create()
    {
        var command = new Command("rotate-key", "Re-encrypt every credential under a new master key.") { TreatUnmatchedTokensAsErrors = false };
        command.Options.Add(NewKey);
        command.SetAction((parse, cancellationToken) => RunAsync(
            ToolflowConfiguration.Build([.. parse.UnmatchedTokens]), parse.GetValue(NewKey), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(IConfiguration configuration, string? newKey, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var databaseOptions = configuration.ReadDatabaseOptions();
        var secrets = configuration.GetSection(SecretsOptions.SectionName).Get<SecretsOptions>() ?? new SecretsOptions();
        var configured = !string.IsNullOrWhiteSpace(secrets.MasterKey);
        if (configured && string.IsNullOrWhiteSpace(newKey))
        {
            await error.WriteLineAsync("rotate-key: Secrets:MasterKey is configured, so pass the new key with --new-key (base64 of 32 bytes).");
            return 2;
        }

        try
        {
            await using var database = ToolflowDatabase.Create(databaseOptions);
            await new Migrator(database).MigrateAsync(cancellationToken);
            var ring = MasterKeyRing.Load(secrets, databaseOptions);
            var version = ring.Versions.Max() + 1;
            var next = newKey is null ? MasterKey.Generate(version) : MasterKey.FromBase64(version, newKey);
            if (!configured)
            {
                MasterKeyFile.Save(Path.Combine(databaseOptions.DataDirectory, MasterKeyFile.FileName), ring.Rotate(next));
            }

            var repositories = new ToolflowRepositories(database, TimeProvider.System, ring);
            var count = await repositories.Credentials.RotateAsync(next, cancellationToken);
            await output.WriteLineAsync($"re-encrypted {count} credential(s) under master key version {next.Version}");
            var (uiKeys, unreadable) = await Web.KeyRing.KeyRingResealer.ResealAsync(repositories.DataProtectionKeys, ring.Rotate(next), cancellationToken);
            await output.WriteLineAsync($"re-sealed {uiKeys} UI key(s) (the web UI's Data Protection key ring; sessions keep working)");
            if (unreadable > 0)
            {
                await output.WriteLineAsync($"{unreadable} UI key(s) open with no master key this process has (sealed under a lost key); left as they are");
            }
            await output.WriteLineAsync(configured
                ? $"now set Secrets:MasterKey to the new key and Secrets:KeyVersion={next.Version}; keep the old key as Secrets:PreviousKeys:{ring.Current.Version} until every process runs with the new one"
                : $"the key file {MasterKeyFile.FileName} holds the new key (and the old ones, for rows not yet moved)");
            return 0;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException or System.Data.Common.DbException
            or System.Xml.XmlException)
        {
            await error.WriteLineAsync($"rotate-key failed: {ex.Message}");
            return 1;
        }
    }
}
