using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Toolflow.Server.Hosting;

namespace Toolflow.Web.Tests.EndToEnd;

/// <summary>The real <c>toolflow serve</c> (API, UI and workers) on a real Kestrel socket at 127.0.0.1, with its data in a fresh folder.</summary>
public sealed class UiServer : IAsyncLifetime
{
    private readonly string dataDirectory = Directory.CreateTempSubdirectory("toolflow-ui-").FullName;
    private WebApplication? app;

    public Uri BaseAddress { get; private set; } = null!;

    public string AdminKey => File.ReadAllText(Path.Combine(dataDirectory, "admin.key")).Trim();

    public async Task InitializeAsync()
    {
        app = ToolflowApp.Build("http://127.0.0.1:0", [$"--Database:DataDirectory={dataDirectory}"]);
        await app.StartAsync();
        BaseAddress = new Uri(app.Urls.First());
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        Directory.Delete(dataDirectory, recursive: true);
    }

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    /// <summary>An API client with the admin key, for arranging and checking what the UI did.</summary>
    public HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    public async Task<JsonObject> CreateWorkflowAsync(string json)
    {
        using var api = Api();
        using var response = await api.PostAsync("/api/v1/workflows", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
