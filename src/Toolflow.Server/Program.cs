using Toolflow.Server.Cli;

return await ToolflowCommandLine.Build().Parse(args).InvokeAsync();
