using System.Globalization;
using System.Text.RegularExpressions;
using Toolflow.Core.Definitions;

namespace Toolflow.Generation.Planning;

/// <summary>
/// Turns "every weekday at 8", "hourly", "every 15 minutes", "daily at 6pm Europe/Paris",
/// "every Friday at 4pm New York time" into a five-field cron and an IANA time zone.
/// </summary>
internal static partial class ScheduleReader
{
    private static readonly string[] Days = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

    private static readonly Dictionary<string, int> Numbers = new(StringComparer.Ordinal)
    {
        ["one"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["six"] = 6,
        ["ten"] = 10,
        ["twelve"] = 12,
        ["fifteen"] = 15,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["a"] = 1,
        ["an"] = 1,
    };

    private static readonly (string Words, string Zone)[] Zones =
    [
        ("new york", "America/New_York"), ("eastern", "America/New_York"), ("est", "America/New_York"), ("edt", "America/New_York"),
        ("los angeles", "America/Los_Angeles"), ("san francisco", "America/Los_Angeles"), ("pacific", "America/Los_Angeles"),
        ("pst", "America/Los_Angeles"), ("pdt", "America/Los_Angeles"), ("chicago", "America/Chicago"), ("central", "America/Chicago"),
        ("cst", "America/Chicago"), ("denver", "America/Denver"), ("mountain", "America/Denver"), ("toronto", "America/Toronto"),
        ("sao paulo", "America/Sao_Paulo"), ("london", "Europe/London"), ("uk", "Europe/London"), ("bst", "Europe/London"),
        ("paris", "Europe/Paris"), ("france", "Europe/Paris"), ("berlin", "Europe/Berlin"), ("germany", "Europe/Berlin"),
        ("cet", "Europe/Berlin"), ("cest", "Europe/Berlin"), ("madrid", "Europe/Madrid"), ("rome", "Europe/Rome"),
        ("amsterdam", "Europe/Amsterdam"), ("zurich", "Europe/Zurich"), ("stockholm", "Europe/Stockholm"), ("moscow", "Europe/Moscow"),
        ("dubai", "Asia/Dubai"), ("india", "Asia/Kolkata"), ("ist", "Asia/Kolkata"), ("mumbai", "Asia/Kolkata"),
        ("singapore", "Asia/Singapore"), ("hong kong", "Asia/Hong_Kong"), ("shanghai", "Asia/Shanghai"), ("beijing", "Asia/Shanghai"),
        ("tokyo", "Asia/Tokyo"), ("japan", "Asia/Tokyo"), ("jst", "Asia/Tokyo"), ("seoul", "Asia/Seoul"), ("sydney", "Australia/Sydney"),
        ("melbourne", "Australia/Melbourne"), ("auckland", "Pacific/Auckland"), ("utc", "UTC"), ("gmt", "UTC"),
    ];

    public static TriggerDefinition? Read(PromptText text)
    {
        string? minute = null, hour = null, dayOfMonth = "*", dayOfWeek = "*";
        var found = false;
        var defaultHour = "0";

        Match m;
        if ((m = QuarterOrHalf().Match(text.Scan)).Success)
        {
            (minute, hour, found) = (m.Groups["q"].Success ? "*/15" : "*/30", "*", true);
            text.Consume(m.Index, m.Length);
        }
        else if ((m = EveryMinutes().Match(text.Scan)).Success)
        {
            var n = Number(m.Groups["n"].Value);
            (minute, hour, found) = (n <= 1 ? "*" : $"*/{n}", "*", true);
            text.Consume(m.Index, m.Length);
        }
        else if ((m = EveryHours().Match(text.Scan)).Success)
        {
            var n = Number(m.Groups["n"].Value);
            (minute, hour, found) = ("0", n <= 1 ? "*" : $"*/{n}", true);
            text.Consume(m.Index, m.Length);
        }

        if ((m = DaySpec().Match(text.Scan)).Success)
        {
            found = true;
            var spec = m.Groups["spec"].Value;
            text.Consume(m.Index, m.Length);
            if (spec.Contains("weekday", StringComparison.Ordinal) || spec.Contains("business day", StringComparison.Ordinal) || spec.Contains("working day", StringComparison.Ordinal) || spec.Contains("monday to friday", StringComparison.Ordinal) || spec.Contains("mon-fri", StringComparison.Ordinal))
            {
                dayOfWeek = "1-5";
            }
            else if (spec.Contains("weekend", StringComparison.Ordinal))
            {
                dayOfWeek = "0,6";
            }
            else if (Array.FindIndex(Days, d => spec.Contains(d, StringComparison.Ordinal)) is var day and >= 0)
            {
                dayOfWeek = day.ToString(CultureInfo.InvariantCulture);
            }
            else if (spec.Contains("week", StringComparison.Ordinal))
            {
                dayOfWeek = "1";
            }
            else if (spec.Contains("month", StringComparison.Ordinal))
            {
                dayOfMonth = "1";
            }

            if (spec.Contains("morning", StringComparison.Ordinal))
            {
                defaultHour = "8";
            }
            else if (spec.Contains("evening", StringComparison.Ordinal))
            {
                defaultHour = "18";
            }
        }

        if (!found)
        {
            // "At 9:15 every weekday" is caught above; a bare "at 6pm" alone is a schedule only with "every"/"daily" nearby.
            return null;
        }

        if (minute is null && TimeOfDay(text) is { } time)
        {
            (minute, hour) = (time.Minute.ToString(CultureInfo.InvariantCulture), time.Hour.ToString(CultureInfo.InvariantCulture));
        }

        minute ??= "0";
        hour ??= defaultHour;
        return new TriggerDefinition { Type = TriggerType.Schedule, Cron = $"{minute} {hour} {dayOfMonth} * {dayOfWeek}", Timezone = Zone(text) };
    }

    private static (int Hour, int Minute)? TimeOfDay(PromptText text)
    {
        var m = Time().Match(text.Scan);
        if (!m.Success)
        {
            return null;
        }

        text.Consume(m.Index, m.Length);
        if (m.Groups["word"].Success)
        {
            return m.Groups["word"].Value == "noon" ? (12, 0) : (0, 0);
        }

        var hour = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var half = m.Groups["ampm"].Value.Replace(".", string.Empty, StringComparison.Ordinal);
        if (half.StartsWith('p') && hour < 12)
        {
            hour += 12;
        }
        else if (half.StartsWith('a') && hour == 12)
        {
            hour = 0;
        }

        return hour is >= 0 and < 24 && minute is >= 0 and < 60 ? (hour, minute) : null;
    }

    private static string? Zone(PromptText text)
    {
        var iana = Iana().Match(text.Text);
        if (iana.Success && TimeZoneInfo.TryFindSystemTimeZoneById(iana.Value, out _))
        {
            text.Consume(iana.Index, iana.Length);
            return iana.Value;
        }

        foreach (var (words, zone) in Zones)
        {
            var m = Regex.Match(text.Scan, $@"\b(?:in\s+)?{Regex.Escape(words)}(?:\s+time(?:\s+zone)?|\s+tz)?\b");
            var explicitTime = m.Success && (m.Value.Contains("time", StringComparison.Ordinal) || m.Value.Contains("tz", StringComparison.Ordinal) || words.Length <= 4);
            if (explicitTime)
            {
                text.Consume(m.Index, m.Length);
                return zone;
            }
        }

        return null;
    }

    private static int Number(string value) =>
        value.Length == 0 ? 1 : int.TryParse(value, CultureInfo.InvariantCulture, out var n) ? n : Numbers.GetValueOrDefault(value, 1);

    [GeneratedRegex(@"\b(?:every|each)\s+(?:(?<n>\d+|one|two|three|five|ten|fifteen|twenty|thirty)\s+)?(?:min|mins|minute|minutes)\b|\b(?:minutely)\b")]
    private static partial Regex EveryMinutes();

    [GeneratedRegex(@"\b(?:every|each)\s+(?:(?<q>quarter)(?:\s+of\s+an)?|half(?:\s+an)?)[\s-]+hour\b")]
    private static partial Regex QuarterOrHalf();

    [GeneratedRegex(@"\b(?:(?:every|each)\s+(?:(?<n>\d+|one|two|three|four|six|twelve)\s+)?(?:hr|hrs|hour|hours)|hourly|once an hour|once per hour)\b")]
    private static partial Regex EveryHours();

    [GeneratedRegex(@"\b(?<spec>(?:(?:every|each|on)\s+(?:single\s+)?(?:business day|working day|weekday|weekend|week|month|day|morning|evening|night|(?:mon|tues|wednes|thurs|fri|satur|sun)day)s?(?:\s+(?:morning|evening|night))?)|(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)days|weekdays|monday to friday|mon-fri|daily|nightly|weekly|monthly|once a day|once a week|once a month)\b")]
    private static partial Regex DaySpec();

    [GeneratedRegex(@"(?:\b(?:at|@|around)\s+)?(?:\b(?<word>noon|midnight)\b|\b(?<h>[01]?\d|2[0-3])(?::(?<m>[0-5]\d))?\s*(?<ampm>am|pm|a\.m\.|p\.m\.)(?!\w)|(?<=\bat\s+)(?<h>[01]?\d|2[0-3])(?::(?<m>[0-5]\d))?\b|\b(?<h>[01]?\d|2[0-3]):(?<m>[0-5]\d)\b)")]
    private static partial Regex Time();

    [GeneratedRegex(@"\b(?:Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_]+(?:/[A-Za-z_]+)?\b")]
    private static partial Regex Iana();
}
