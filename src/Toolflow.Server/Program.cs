using Toolflow.Server.Cli;
using Toolflow.Server.Hosting;

MallocArenas.Limit(MallocArenas.Default);
return await ToolflowCommandLine.InvokeAsync(args);
