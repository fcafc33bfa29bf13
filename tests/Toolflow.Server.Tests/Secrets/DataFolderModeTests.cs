using System.Net;
using Toolflow.Server.Tests.Api;

namespace Toolflow.Server.Tests.Secrets;

/// <summary>
/// The data folder holds the SQLite file (execution inputs and outputs, the audit log), the master key
/// and the admin key: the folder a first start creates is open to its owner only, so the database file
/// (0644 under a usual umask) cannot be read by other users of the machine.
/// </summary>
public sealed class DataFolderModeTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("toolflow-mode-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public async Task A_data_folder_created_on_first_start_is_open_to_its_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes only; Windows folders inherit their parent's ACL.
        }

        var folder = Path.Combine(root, "data");
        using var factory = new FolderFactory(folder);
        using var client = factory.AdminClient();

        using var response = await client.GetAsync("/api/v1/workflows");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(File.Exists(Path.Combine(folder, "toolflow.db")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    private sealed class FolderFactory(string folder) : ToolflowFactory(folder, ownsDirectory: false);
}
