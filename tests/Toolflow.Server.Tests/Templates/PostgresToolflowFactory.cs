using System.Security.Cryptography;
using Toolflow.Server.Tests.Api;
using Toolflow.Testing.Postgres;
using Toolflow.Testing.Stores;

namespace Toolflow.Server.Tests.Templates;

/// <summary>
/// The real pipeline over a throwaway PostgreSQL database (one per test class), so the API suites
/// run on both databases. Suites bound to it skip, with the reason, when PostgreSQL is unavailable.
/// </summary>
public sealed class PostgresToolflowFactory : ToolflowFactory, IAsyncLifetime, IRequiresPostgres
{
    private readonly Dictionary<string, string> _settings = new()
    {
        ["Database:Provider"] = "postgres",
        ["Secrets:MasterKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    };

    private string? _connectionString;

    protected override IReadOnlyDictionary<string, string> Settings => _settings;

    public async Task InitializeAsync()
    {
        if (PostgresEnvironment.SkipReason is not null)
        {
            return;
        }

        _connectionString = await (await PostgresServer.GetAsync()).CreateDatabaseAsync("api_templates");
        _settings["Database:ConnectionString"] = _connectionString;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_connectionString is not null)
        {
            await (await PostgresServer.GetAsync()).DropDatabaseAsync(_connectionString);
        }
    }
}
