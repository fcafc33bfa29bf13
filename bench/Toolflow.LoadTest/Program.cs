using System.Globalization;
using System.Net.Http.Headers;
using Toolflow.LoadTest;
using Toolflow.LoadTest.Driving;
using Toolflow.LoadTest.Hosting;
using Toolflow.LoadTest.Reporting;
using Toolflow.LoadTest.Scenarios;

// End-to-end throughput and latency of a real `toolflow serve`, driven from 127.0.0.1.
//   dotnet run -c Release --project bench/Toolflow.LoadTest -- [--scenario webhook] [--database sqlite,postgres]
//       [--clients 1,8] [--warmup 5] [--duration 20] [--set Workers:Concurrency=8 ...]
// Each (database, clients) pair gets a fresh server and a fresh database, so the peak memory is that run's.
var options = LoadTestOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: [--scenario NAME] [--database sqlite,postgres] [--clients 1,8] [--warmup SECONDS] [--duration SECONDS] [--set Key=Value]…");
    Console.Error.WriteLine($"scenarios: {string.Join(", ", ScenarioCatalog.All.Select(s => s.Name))}");
    return 2;
}

var report = new MarkdownReport();
foreach (var databaseName in options.Databases)
{
    foreach (var clients in options.Clients)
    {
        var database = await DatabaseTarget.CreateAsync(databaseName);
        try
        {
            await using var server = await ServerUnderTest.StartAsync(database, options.Settings, CancellationToken.None);
            using var admin = new HttpClient { BaseAddress = server.BaseAddress };
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminKey);
            var run = await options.Scenario.PrepareAsync(admin, CancellationToken.None);
            var cpuBefore = server.CpuTime();
            var result = await ClosedLoopDriver.RunAsync(run, server.BaseAddress, clients, options.WarmUp, options.Duration, CancellationToken.None);
            result = result with
            {
                PeakWorkingSetBytes = server.PeakWorkingSetBytes(),
                ServerCpuMsPerOperation = (server.CpuTime() - cpuBefore).TotalMilliseconds / Math.Max(1, result.Operations),
            };
            report.Add(options.Scenario.Name, databaseName, clients, result);
            Console.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{options.Scenario.Name} {databaseName} x{clients}: {result.PerSecond:F1}/s p50 {result.P50Ms:F1} ms p99 {result.P99Ms:F1} ms, {result.Failed} failed, peak {result.PeakWorkingSetBytes / 1048576} MiB, server CPU {result.ServerCpuMsPerOperation:F2} ms/op"));
        }
        finally
        {
            await database.DropAsync();
        }
    }
}

Console.WriteLine(report);
return 0;
