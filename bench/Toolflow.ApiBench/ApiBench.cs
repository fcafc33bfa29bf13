using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Toolflow.Repositories.Bench;
using Toolflow.Server.Hosting;
using Toolflow.Storage.Database;

namespace Toolflow.ApiBench;

/// <summary>
/// Requests/s and p50/p99 of <c>GET /api/v1/workflows</c> (first page over a big table) and
/// <c>POST /api/v1/workflows/{id}/execute</c>, through the real <c>toolflow serve</c> app on Kestrel at
/// 127.0.0.1, driven by a .NET client in the same process. The peer, in the same run: the same
/// Kestrel answering the same bytes from memory with no auth, no validation and no SQL — the
/// ceiling of this host and client, so the ratio says what Toolflow's own work costs.
/// </summary>
internal static class ApiBench
{
    public static async Task RunAsync(string label, string[] settings, string dataDirectory, int rows, TimeSpan duration)
    {
        var app = ToolflowApp.Build("http://127.0.0.1:0", [
            .. settings, $"--Database:DataDirectory={dataDirectory}", "--Workers:Enabled=false",
            "--Api:RateLimit:PermitsPerMinute=0", "--Logging:LogLevel:Default=Warning"]);
        byte[] pageBytes = [];
        app.MapGet("/bench/peer/page", () => Results.Bytes(pageBytes, "application/json")).AllowAnonymous();
        app.MapPost("/bench/peer/execute", async (HttpContext http) =>
        {
            await http.Request.Body.CopyToAsync(Stream.Null);
            http.Response.StatusCode = StatusCodes.Status202Accepted;
            http.Response.ContentType = "application/json";
            await http.Response.Body.WriteAsync(pageBytes.AsMemory(0, Math.Min(600, pageBytes.Length)));
        }).AllowAnonymous();
        await app.StartAsync();
        try
        {
            var seeding = System.Diagnostics.Stopwatch.StartNew();
            await Seeder.SeedAsync(app.Services.GetRequiredService<ToolflowDatabase>(), rows, 1000);
            Console.WriteLine($"{label}: seeded {rows:N0} workflows in {seeding.Elapsed.TotalSeconds:F1} s");

            var key = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "admin.key"))).Trim();
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
            using var http = new HttpClient(handler) { BaseAddress = new Uri(app.Urls.First()) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            using (var page = await http.GetAsync(new Uri("/api/v1/workflows?limit=50", UriKind.Relative)))
            {
                pageBytes = await page.EnsureSuccessStatusCode().Content.ReadAsByteArrayAsync();
            }

            using var created = await http.PostAsync(
                new Uri("/api/v1/workflows", UriKind.Relative),
                new StringContent("""{"name":"bench target","status":"active","nodes":[{"id":"a","tool":"data.set","config":{"values":{"x":1}}}]}""", Encoding.UTF8, "application/json"));
            var workflowId = System.Text.Json.JsonDocument.Parse(await created.EnsureSuccessStatusCode().Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

            foreach (var clients in new[] { 1, 8 })
            {
                var list = await LoadDriver.RunAsync(http, clients, duration, async c =>
                {
                    using var r = await c.GetAsync(new Uri("/api/v1/workflows?limit=50", UriKind.Relative));
                    await r.Content.CopyToAsync(Stream.Null);
                    return r.IsSuccessStatusCode;
                });
                var peerList = await LoadDriver.RunAsync(http, clients, duration, async c =>
                {
                    using var r = await c.GetAsync(new Uri("/bench/peer/page", UriKind.Relative));
                    await r.Content.CopyToAsync(Stream.Null);
                    return r.IsSuccessStatusCode;
                });
                Report(label, $"GET /workflows first page (50 of {rows:N0})", clients, list, peerList);

                var execute = await LoadDriver.RunAsync(http, clients, duration, async c =>
                {
                    using var r = await c.PostAsync(new Uri($"/api/v1/workflows/{workflowId}/execute", UriKind.Relative), Body());
                    await r.Content.CopyToAsync(Stream.Null);
                    return r.IsSuccessStatusCode;
                });
                var peerExecute = await LoadDriver.RunAsync(http, clients, duration, async c =>
                {
                    using var r = await c.PostAsync(new Uri("/bench/peer/execute", UriKind.Relative), Body());
                    await r.Content.CopyToAsync(Stream.Null);
                    return r.IsSuccessStatusCode;
                });
                Report(label, "POST /workflows/{id}/execute", clients, execute, peerExecute);
            }
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    private static StringContent Body() => new("""{"input":{"who":"bench"}}""", Encoding.UTF8, "application/json");

    private static void Report(string label, string what, int clients, LoadDriver.Figures toolflow, LoadDriver.Figures peer) =>
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {label} | {what} | {clients} | {toolflow.RequestsPerSecond:F0} | {toolflow.P50Ms:F2} | {toolflow.P99Ms:F2} | {peer.RequestsPerSecond:F0} | {toolflow.RequestsPerSecond / peer.RequestsPerSecond:F2} | {toolflow.Failures} |"));
}
