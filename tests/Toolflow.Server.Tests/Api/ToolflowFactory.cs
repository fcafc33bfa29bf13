using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Core.Definitions;
using Toolflow.Server.Auth;
using Toolflow.Storage.Repositories;

namespace Toolflow.Server.Tests.Api;

/// <summary>The real ASP.NET pipeline of <c>toolflow serve</c>, in memory, with its data in a fresh folder.</summary>
public class ToolflowFactory : WebApplicationFactory<Program>
{
    private readonly bool ownsDirectory;

    public ToolflowFactory()
        : this(Directory.CreateTempSubdirectory("toolflow-api-").FullName, ownsDirectory: true)
    {
    }

    protected ToolflowFactory(string dataDirectory, bool ownsDirectory)
    {
        DataDirectory = dataDirectory;
        this.ownsDirectory = ownsDirectory;
    }

    public string DataDirectory { get; }

    /// <summary>Extra settings (key → value) a derived factory adds, e.g. a low rate limit.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public ToolflowRepositories Repositories => Services.GetRequiredService<ToolflowRepositories>();

    /// <summary>The key the first start wrote to admin.key.</summary>
    public string AdminKey
    {
        get
        {
            _ = Services; // starts the host, which runs the bootstrap
            return File.ReadAllText(Path.Combine(DataDirectory, AdminBootstrap.KeyFileName)).Trim();
        }
    }

    public HttpClient ClientWithKey(string key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public HttpClient AdminClient() => ClientWithKey(AdminKey);

    /// <summary>A new member and a client carrying their key.</summary>
    public async Task<(Guid UserId, HttpClient Client)> CreateMemberAsync(UserRole role = UserRole.Member)
    {
        var user = await Repositories.Users.CreateAsync($"user-{Guid.NewGuid():N}@example.org", "Test user", role);
        var key = ApiKeyFormat.Generate();
        await Repositories.ApiKeys.CreateAsync(user.Id, "test", key.Prefix, key.Hash);
        return (user.Id, ClientWithKey(key.Key));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Api:MaxRequestBodyBytes", "4096");

        // API tests look at executions as the API leaves them; WorkerToolflowFactory runs them too.
        builder.UseSetting("Workers:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsDirectory && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
