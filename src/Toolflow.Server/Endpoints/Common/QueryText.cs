using System.Globalization;
using Toolflow.Core.Contracts.Common;
using CoreProblem = Toolflow.Core.Validation.ValidationProblem;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>The query-string values the list endpoints share: comma-separated enum values and <c>limit</c>.</summary>
internal static class QueryText
{
    /// <summary>The values of <paramref name="text"/> (comma-separated), or null when absent; an unknown one adds <paramref name="message"/> at <paramref name="pointer"/>.</summary>
    public static List<T>? Enums<T>(string? text, string pointer, string message, List<CoreProblem> problems)
        where T : struct, Enum
    {
        if (text is null)
        {
            return null;
        }

        var values = new List<T>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (EnumText.TryParse<T>(part, out var parsed))
            {
                values.Add(parsed);
            }
            else
            {
                problems.Add(new(pointer, message));
            }
        }

        return values;
    }

    /// <summary>A page size from 1 to <see cref="PageRequest.MaxLimit"/>, or null when absent.</summary>
    public static int? Limit(string? text, List<CoreProblem> problems)
    {
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= PageRequest.MaxLimit)
        {
            return n;
        }

        problems.Add(new("/limit", $"must be a whole number from 1 to {PageRequest.MaxLimit}"));
        return null;
    }
}
