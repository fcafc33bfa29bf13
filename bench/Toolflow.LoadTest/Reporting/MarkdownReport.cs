using System.Globalization;
using Toolflow.LoadTest.Driving;

namespace Toolflow.LoadTest.Reporting;

/// <summary>The results as the Markdown table docs/PERFORMANCE.md keeps, with the peer's published figure beside them.</summary>
public sealed class MarkdownReport
{
    private readonly List<string> rows = [];

    public void Add(string scenario, string database, int clients, LoadResult result) =>
        rows.Add(string.Create(
            CultureInfo.InvariantCulture,
            $"| {scenario} | {database} | {clients} | {result.PerSecond:F1} | {result.P50Ms:F1} | {result.P99Ms:F1} | {result.MaxMs:F0} | {result.PeakWorkingSetBytes / (1024.0 * 1024.0):F0} MiB | {result.ServerCpuMsPerOperation:F2} | {result.Completed} | {result.Failed} |"));

    public override string ToString() =>
        string.Join(
            Environment.NewLine,
            [
                "| scenario | database | clients | executions/s | p50 ms | p99 ms | max ms | server peak RSS | server CPU ms/exec | completed | failed |",
                "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
                .. rows,
                "| n8n 2.41 (reference, issue #9) | sqlite | 8 | ≈ 13 | ≈ 600 | | | ≈ 1.1 GB | | | |",
            ]);
}
