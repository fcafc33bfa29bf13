using System.Globalization;
using Toolflow.Storage.Database;
using Toolflow.Storage.Migrations;

namespace Toolflow.Storage.Tests.Migrations;

/// <summary>
/// This test assembly doubles as a tiny program so a test can run migrators in separate OS
/// processes: <c>dotnet Toolflow.Storage.Tests.dll migrate &lt;provider&gt; &lt;connection string or folder&gt;</c>
/// prints the versions it applied. Without arguments it does nothing (the test SDK's own entry
/// point is switched off in the project file).
/// </summary>
public static class MigrateProcessEntryPoint
{
    public static async Task<int> Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length != 3 || args[0] != "migrate")
        {
            return 0;
        }

        var options = args[1] == "sqlite"
            ? new DatabaseOptions { Provider = "sqlite", DataDirectory = args[2] }
            : new DatabaseOptions { Provider = args[1], ConnectionString = args[2] };
        await using var db = ToolflowDatabase.Create(options);
        var report = await new Migrator(db).MigrateAsync(CancellationToken.None);
        Console.WriteLine("applied:" + string.Join(',', report.Applied.Select(a => a.Version.ToString(CultureInfo.InvariantCulture))));
        Console.WriteLine("version:" + report.ToVersion.ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
