using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Toolflow.Server.Tests.Api;

/// <summary>The real ASP.NET pipeline of <c>toolflow serve</c>, in memory, with its data in a fresh folder.</summary>
public sealed class ToolflowFactory : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("toolflow-api-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:DataDirectory", DataDirectory);
        builder.UseSetting("Api:MaxRequestBodyBytes", "4096");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
