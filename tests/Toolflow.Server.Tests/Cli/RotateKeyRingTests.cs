using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Server.Cli;
using Toolflow.Server.Tests.Api;
using Toolflow.Storage.Database;
using Toolflow.Testing.Postgres;
using Toolflow.Testing.Sql;

namespace Toolflow.Server.Tests.Cli;

/// <summary>
/// <c>rotate-key</c> re-seals the web UI's Data Protection key ring too: afterwards a server that holds
/// only the new master key opens the ring, and a session cookie and a protected token from before still work.
/// </summary>
public sealed class RotateKeyRingTests : IDisposable
{
    private const string Purpose = "Toolflow.Tests.RotateKeyRing";
    private readonly string folder = Directory.CreateTempSubdirectory("toolflow-rotate-ring-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public Task OnSqlite() => RotateAndReopenAsync([]);

    [PostgresFact]
    public async Task OnPostgres()
    {
        var server = await PostgresServer.GetAsync();
        var connectionString = await server.CreateDatabaseAsync("rotate_ring");
        try
        {
            await RotateAndReopenAsync(new() { ["Database:Provider"] = "postgres", ["Database:ConnectionString"] = connectionString });
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }

    private async Task RotateAndReopenAsync(Dictionary<string, string> database)
    {
        var oldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var before = new Dictionary<string, string>(database) { ["Secrets:MasterKey"] = oldKey };

        string token, cookie;
        using (var first = new Server(folder, before))
        {
            token = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("session of Ada");
            using var browser = first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            using var signIn = await SessionSignIn.PostAsync(browser, first.AdminKey);
            Assert.Equal("/workflows", signIn.Headers.Location!.OriginalString);
            cookie = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("toolflow.session", StringComparison.Ordinal)).Select(c => c.Split(';')[0]));
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(before.Append(new("Database:DataDirectory", folder)).Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();
        var exit = await RotateKeyCommand.RunAsync(configuration, newKey, output, error, CancellationToken.None);

        Assert.True(exit == 0, error.ToString());
        Assert.Contains("re-sealed 1 UI key(s)", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(newKey, output.ToString(), StringComparison.Ordinal);

        // Only the new key: no previous key configured, so nothing sealed under the old one could be opened.
        using var second = new Server(folder, new Dictionary<string, string>(database) { ["Secrets:MasterKey"] = newKey, ["Secrets:KeyVersion"] = "2" });
        var rows = await second.Services.GetRequiredService<ToolflowDatabase>().QueryAsync("SELECT xml FROM data_protection_keys");
        var seals = rows.SelectMany(r => XElement.Parse((string)r["xml"]!).Descendants().Where(e => e.Name.LocalName == "sealedWithMasterKey")).ToList();
        Assert.NotEmpty(seals);
        Assert.All(seals, s => Assert.Equal("2", (string?)s.Attribute("keyVersion")));

        Assert.Equal("session of Ada", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Unprotect(token));
        using var client = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/workflows", UriKind.Relative));
        request.Headers.Add("Cookie", cookie);
        using var page = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode); // signed in still: not redirected to /signin
    }

    private sealed class Server(string folder, IReadOnlyDictionary<string, string> settings) : ToolflowFactory(folder, ownsDirectory: false)
    {
        protected override IReadOnlyDictionary<string, string> Settings => settings;
    }
}
