using Toolflow.Server.Tests.Hosting;
using Toolflow.Server.Tests.Processes;

namespace Toolflow.Server.Tests.Headless;

/// <summary>
/// The native executable gives back the pages only its start-up read (<c>Hosting/StartupPages</c>): started twice,
/// once with the release turned off, the released one keeps far fewer of its own read-only pages resident.
/// </summary>
public sealed class StartupPagesReleaseTests
{
    [HeadlessFact]
    public async Task A_started_server_keeps_fewer_of_its_executable_s_pages_than_one_that_keeps_them()
    {
        var kept = await ResidentAfterStartAsync(keep: true, until: null);

        // The release runs once the host reports it has started, which may be just after /health/ready first answers:
        // look again for a while rather than once. Measured: ≈ 37 MiB kept at rest, well under half of that released
        // (the compressed type data alone is 8 MiB).
        var released = await ResidentAfterStartAsync(keep: false, until: resident => resident < kept * 3 / 4);

        Assert.True(released < kept * 3 / 4, $"released {released} KiB, kept {kept} KiB");
    }

    private static async Task<long> ResidentAfterStartAsync(bool keep, Func<long, bool>? until)
    {
        var folder = Directory.CreateTempSubdirectory("toolflow-pages-").FullName;
        try
        {
            // A copy of its own: the kernel does not page out pages another process maps too (the other headless
            // tests' server runs the published file meanwhile).
            var executable = CopyPublishFolder(Path.GetDirectoryName(HeadlessBinary.Require())!, Path.Combine(folder, "bin"));
            using (var written = new FileStream(executable, FileMode.Open, FileAccess.ReadWrite))
            {
                written.Flush(flushToDisk: true); // clean pages: a dirty page of the page cache is not dropped either
            }

            var address = new Uri($"http://127.0.0.1:{ToolflowProcess.FreePort()}");
            var environment = keep ? new Dictionary<string, string> { ["TOOLFLOW_KEEP_STARTUP_PAGES"] = "1" } : null;
            await using var process = ToolflowProcess.StartExecutable(executable, folder, ["serve", "--urls", address.ToString()], environment, address);
            using (await process.WaitForAsync("/health/ready", TimeSpan.FromSeconds(60)))
            {
            }

            var resident = ResidentPages.ReadOnlyKiB(process.Id, executable);
            for (var look = 0; until is not null && !until(resident) && look < 50; look++)
            {
                await Task.Delay(200);
                resident = ResidentPages.ReadOnlyKiB(process.Id, executable);
            }

            return resident;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The publish folder (the executable, its native SQLite and its templates), without the debug symbols.</summary>
    private static string CopyPublishFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".dbg", StringComparison.Ordinal)))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return Path.Combine(to, Path.GetFileName(HeadlessBinary.Require()));
    }
}
