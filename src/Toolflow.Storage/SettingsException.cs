namespace Toolflow.Storage;

/// <summary>
/// A setting the operator must fix before Toolflow can start (a missing or malformed database or key
/// setting). The command line prints its message as one line, without a stack trace, and exits 1;
/// the message names the setting and never repeats a secret value.
/// </summary>
public sealed class SettingsException : InvalidOperationException
{
    public SettingsException(string message)
        : base(message)
    {
    }

    public SettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SettingsException()
    {
    }

    /// <summary>The settings problem behind <paramref name="exception"/>, however deep the host wrapped it; null when there is none.</summary>
    public static SettingsException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SettingsException settings)
            {
                return settings;
            }

            if (e is AggregateException { InnerExceptions: var inner } && inner.Select(Find).FirstOrDefault(s => s is not null) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}
