using Toolflow.Core.Definitions;
using Toolflow.Storage.Database;
using Toolflow.Storage.Errors;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Users;

namespace Toolflow.Server.Auth;

/// <summary>
/// First start on an empty database: creates <c>admin@localhost</c> and one key, prints the key once
/// on the console and writes it to <c>&lt;DataDirectory&gt;/admin.key</c> (0600). Registered after the
/// migrator, so it runs on a current schema; with any user present it does nothing.
/// </summary>
internal sealed partial class AdminBootstrap(ToolflowRepositories repositories, DatabaseOptions database, ILogger<AdminBootstrap> logger) : IHostedService
{
    public const string AdminEmail = "admin@localhost";
    public const string KeyFileName = "admin.key";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!await repositories.Users.IsEmptyAsync(cancellationToken))
        {
            return;
        }

        // Two processes starting together on one PostgreSQL: the e-mail is unique, so one loses here and stops.
        UserRecord admin;
        try
        {
            admin = await repositories.Users.CreateAsync(AdminEmail, "Administrator", UserRole.Admin, cancellationToken);
        }
        catch (ConstraintViolationException)
        {
            return;
        }

        var key = ApiKeyFormat.Generate();
        await repositories.ApiKeys.CreateAsync(admin.Id, "bootstrap", key.Prefix, key.Hash, cancellationToken);
        var path = Path.GetFullPath(Path.Combine(database.DataDirectory, KeyFileName));
        WriteKeyFile(path, key.Key);

        // The console, not the log: log sinks are shipped and kept; the key must appear exactly once, here.
        await Console.Out.WriteLineAsync($"Toolflow admin API key (shown once, also in {path}): {key.Key}");
        LogCreated(logger, AdminEmail, key.Prefix, path);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void WriteKeyFile(string path, string key)
    {
        PrivateDirectory.Ensure(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Set at creation, so the key is never readable by others, not even for a moment.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.WriteLine(key);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first user {Email} with API key {Prefix}…; the key is in {Path}")]
    private static partial void LogCreated(ILogger logger, string email, string prefix, string path);
}
