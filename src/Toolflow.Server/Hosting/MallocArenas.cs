using System.Runtime.InteropServices;

namespace Toolflow.Server.Hosting;

/// <summary>
/// Caps glibc's malloc arenas. By default every thread that meets a busy arena gets its own (up to eight per
/// core), and each keeps the memory freed into it; the native allocations here (SQLite's page cache and
/// statements, OpenSSL, ICU) are small and short, so a couple of shared arenas serve them as fast and hold
/// several MiB less under load (docs/PERFORMANCE.md, "Headless native build").
/// </summary>
internal static class MallocArenas
{
    private const int ArenaMaxOption = -8; // M_ARENA_MAX in glibc's malloc.h

    public const int Default = 2;

    /// <summary>Sets the cap before the host starts its threads; a C library without <c>mallopt</c> is left as it is.</summary>
    public static void Limit(int arenas)
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is { Length: > 0 })
        {
            return; // an operator's own setting wins
        }

        try
        {
            _ = SetOption(ArenaMaxOption, arenas);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (or musl's stub is missing): nothing to cap.
        }
    }

    // DllImport rather than LibraryImport: a blittable call needs no generated marshalling, and LibraryImport
    // would switch on unsafe code for the whole project.
    [DllImport("libc", EntryPoint = "mallopt")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SetOption(int option, int value);
}
