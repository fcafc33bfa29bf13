namespace Toolflow.Server.Tests.Api;

/// <summary>The same pipeline with its background workers on, polling briskly: executions really run.</summary>
public sealed class WorkerToolflowFactory : ToolflowFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Workers:Enabled"] = "true",
        ["Workers:PollInterval"] = "00:00:00.100",
        ["Workers:SweepInterval"] = "00:00:00.200",
        ["Tools:Database:SqliteDirectories:0"] = Path.GetTempPath(),
    };
}
