using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Email;

/// <summary>Extra headers from config: names are RFC 5322 field names, values single lines, and the ones the tool sets itself are refused.</summary>
internal static class EmailHeaders
{
    private const int MaxHeaders = 50;

    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "From", "Sender", "To", "Cc", "Bcc", "Reply-To", "Subject", "Date", "Message-ID",
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
        "Return-Path", "Received", "DKIM-Signature",
    };

    public static List<KeyValuePair<string, string>> Parse(JsonFields fields)
    {
        if (fields["headers"] is null)
        {
            return [];
        }

        if (fields["headers"] is not JsonObject headers)
        {
            throw fields.Fail("headers must be an object of header names to values");
        }

        if (headers.Count > MaxHeaders)
        {
            throw fields.Fail($"headers may hold at most {MaxHeaders} entries");
        }

        var result = new List<KeyValuePair<string, string>>();
        foreach (var (name, node) in headers)
        {
            if (name.Length is 0 or > 76 || !name.All(c => c is > ' ' and < '\u007f' and not ':'))
            {
                throw fields.Fail("headers holds a name that is not a valid header field name");
            }

            if (Reserved.Contains(name))
            {
                throw fields.Fail($"headers.{name} is set by the tool itself; use its own config field");
            }

            var value = node switch
            {
                JsonValue v when v.TryGetValue<string>(out var s) => s,
                JsonValue v => v.ToJsonString(),
                _ => throw fields.Fail($"headers.{name} must be a string, number or boolean"),
            };
            if (value.Length > 998 || value.Any(c => c is '\r' or '\n' or '\0'))
            {
                throw fields.Fail($"headers.{name} must be a single line of at most 998 characters");
            }

            result.Add(new(name, value));
        }

        return result;
    }
}
