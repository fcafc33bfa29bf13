using System.Globalization;
using System.Runtime.InteropServices;

namespace Toolflow.Server.Hosting;

/// <summary>
/// Gives back, once the host has started, the pages of the process's own executable that only start-up read.
/// The headless build is one native file whose read-only data holds the runtime's type information in
/// compressed form: the runtime unpacks it at start (into memory of its own) and never reads it again, yet
/// those 8 MiB of file pages, with the code and constants only start-up ran, stay counted in the process's
/// resident memory. <c>MADV_PAGEOUT</c> drops the clean pages from the process (nothing is lost: a page still
/// used is read back from the page cache at its next touch). Read-only mappings of the executable only;
/// a kernel older than 5.4 refuses the advice, and nothing changes. <c>TOOLFLOW_KEEP_STARTUP_PAGES=1</c> turns it
/// off (for comparing; docs/headless.md).
/// </summary>
internal sealed class StartupPages(IHostApplicationLifetime lifetime) : IHostedService
{
    private const int RandomAccess = 1; // MADV_RANDOM
    private const int PageOut = 21; // MADV_PAGEOUT in linux/mman.h

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsLinux() && Environment.ProcessPath is { } executable && Environment.GetEnvironmentVariable("TOOLFLOW_KEEP_STARTUP_PAGES") is not "1")
        {
            lifetime.ApplicationStarted.Register(() => Release(executable));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Release(string executable)
    {
        try
        {
            foreach (var (start, length) in ReadOnlyMappings(File.ReadLines("/proc/self/maps"), executable))
            {
                // Random access: a fault then maps the one page it needs, not the 64 KiB around it the kernel would
                // otherwise map from the page cache (unwind tables and constants are read a few bytes at a time).
                _ = Advise((nint)start, (nuint)length, RandomAccess);
                _ = Advise((nint)start, (nuint)length, PageOut);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            // No /proc or no madvise: the pages stay where they are.
        }
    }

    /// <summary>The read-only (code and data) mappings of <paramref name="executable"/> in a <c>/proc/&lt;pid&gt;/maps</c> listing.</summary>
    public static IEnumerable<(long Start, long Length)> ReadOnlyMappings(IEnumerable<string> maps, string executable)
    {
        foreach (var line in maps)
        {
            // start-end perms offset dev inode path
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6 || fields[5].Trim() != executable || fields[1] is not ("r-xp" or "r--p"))
            {
                continue;
            }

            var range = fields[0].Split('-');
            if (range.Length == 2
                && long.TryParse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                && long.TryParse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
                && end > start)
            {
                yield return (start, end - start);
            }
        }
    }

    [DllImport("libc", EntryPoint = "madvise", SetLastError = false)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Advise(nint address, nuint length, int advice);
}
