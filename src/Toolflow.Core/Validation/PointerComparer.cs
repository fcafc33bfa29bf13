using System.Globalization;

namespace Toolflow.Core.Validation;

/// <summary>Orders pointers as the document does: segment by segment, array indices numerically (<c>/nodes/2</c> before <c>/nodes/10</c>).</summary>
public sealed class PointerComparer : IComparer<string>
{
    public static readonly PointerComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = JsonPointers.Segments(x ?? string.Empty);
        var b = JsonPointers.Segments(y ?? string.Empty);
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var bothNumbers = int.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var m) &
                              int.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n);
            var order = bothNumbers ? m.CompareTo(n) : string.CompareOrdinal(a[i], b[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return a.Count.CompareTo(b.Count);
    }
}
