using Toolflow.Server.Cli;

return await ToolflowCommandLine.InvokeAsync(args);
