using System.Globalization;
using System.Text.RegularExpressions;
using Toolflow.Server.Hosting;

namespace Toolflow.Server.Tests.Hosting;

/// <summary>Resident memory of one file's read-only mappings in a process, from <c>/proc/&lt;pid&gt;/smaps</c>.</summary>
public static partial class ResidentPages
{
    public static long ReadOnlyKiB(int processId, string executable)
    {
        long total = 0;
        var counting = false;
        foreach (var line in File.ReadLines($"/proc/{processId}/smaps"))
        {
            if (MappingHeader().IsMatch(line))
            {
                counting = StartupPages.ReadOnlyMappings([line], executable).Any();
            }
            else if (counting && line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                total += long.Parse(line["Rss:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    [GeneratedRegex("^[0-9a-f]+-[0-9a-f]+ ")]
    private static partial Regex MappingHeader();
}
