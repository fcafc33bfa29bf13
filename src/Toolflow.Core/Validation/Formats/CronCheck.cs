using Cronos;

namespace Toolflow.Core.Validation.Formats;

/// <summary>Cron expressions as Cronos reads them: five fields, or six with seconds first.</summary>
public static class CronCheck
{
    /// <summary>Returns why <paramref name="cron"/> is not a cron expression, or null.</summary>
    public static string? FindError(string cron)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields switch
        {
            5 => CronFormat.Standard,
            6 => CronFormat.IncludeSeconds,
            _ => (CronFormat?)null,
        };
        if (format is null)
        {
            // Cronos also knows macros such as @daily; they are one field.
            if (fields == 1 && cron.Trim().StartsWith('@'))
            {
                format = CronFormat.Standard;
            }
            else
            {
                return $"cron '{cron}' has {fields} fields; write 5 (minute hour day month weekday) or 6 (with seconds first)";
            }
        }

        try
        {
            CronExpression.Parse(cron.Trim(), format.Value);
            return null;
        }
        catch (CronFormatException ex)
        {
            return $"cron '{cron}' is not valid: {ex.Message}";
        }
    }

    /// <summary>Parses a cron already checked by <see cref="FindError"/>.</summary>
    public static CronExpression Parse(string cron)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var seconds = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6;
        return CronExpression.Parse(cron.Trim(), seconds ? CronFormat.IncludeSeconds : CronFormat.Standard);
    }
}
