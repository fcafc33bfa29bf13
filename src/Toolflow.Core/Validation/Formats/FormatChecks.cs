using System.Net.Mail;

namespace Toolflow.Core.Validation.Formats;

/// <summary>Small format checks shared by the definition and the request contracts.</summary>
public static class FormatChecks
{
    public static bool IsTimeZone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    /// <summary>A UUID in the canonical 8-4-4-4-12 form, as every Toolflow id is rendered.</summary>
    public static bool IsUuid(string value) => Guid.TryParseExact(value, "D", out _);

    /// <summary>
    /// A single plain address (<c>name@domain.tld</c>): no display name, no list, a dotted domain.
    /// MailAddress alone accepts "Name &lt;a@b&gt;" and dotless hosts, which are not what a user field means.
    /// </summary>
    public static bool IsEmail(string value)
    {
        if (value.Length is 0 or > 254 || value.Trim() != value)
        {
            return false;
        }

        if (!MailAddress.TryCreate(value, out var address) || address.Address != value)
        {
            return false;
        }

        var domain = address.Host;
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.');
    }

    public static bool IsNodeId(string value) => NodeIdPattern.IsMatch(value);

    private static readonly System.Text.RegularExpressions.Regex NodeIdPattern =
        new(WorkflowLimits.IdPattern, System.Text.RegularExpressions.RegexOptions.CultureInvariant);
}
