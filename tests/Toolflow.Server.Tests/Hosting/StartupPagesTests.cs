using Toolflow.Server.Hosting;

namespace Toolflow.Server.Tests.Hosting;

/// <summary>The executable's read-only pages given back after start-up (<see cref="StartupPages"/>).</summary>
public sealed class StartupPagesTests
{
    private const string Executable = "/opt/toolflow/toolflow";

    [Fact]
    public void Only_the_read_only_mappings_of_the_executable_are_chosen()
    {
        string[] maps =
        [
            $"55b2cf2d8000-55b2cf337000 r--p 00000000 08:01 1234 {Executable}",
            $"55b2cf337000-55b2d0b6c000 r-xp 0005f000 08:01 1234 {Executable}",
            $"55b2d22fa000-55b2d23c3000 rw-p 0301f000 08:01 1234 {Executable}",
            "55b2d23c3000-55b2d33c0000 rw-p 00000000 00:00 0",
            "7f4373200000-7f43732c5000 r--p 00000000 08:01 99 /usr/lib/x86_64-linux-gnu/libcrypto.so.3",
            $"7f4373300000-7f4373301000 r--p 00000000 08:01 77 {Executable}.dbg",
            "not a mapping line",
            $"zz-55b2cf337000 r--p 00000000 08:01 1234 {Executable}",
        ];

        var chosen = StartupPages.ReadOnlyMappings(maps, Executable).ToList();

        Assert.Equal([(0x55b2cf2d8000L, 0x5f000L), (0x55b2cf337000L, 0x55b2d0b6c000L - 0x55b2cf337000L)], chosen);
    }

    [Fact]
    public void A_path_with_spaces_is_matched_whole()
    {
        string[] maps = ["1000-3000 r-xp 00000000 08:01 5 /srv/my apps/toolflow", "3000-4000 r-xp 00000000 08:01 5 /srv/my"];

        Assert.Equal([(0x1000L, 0x2000L)], StartupPages.ReadOnlyMappings(maps, "/srv/my apps/toolflow").ToList());
    }
}
