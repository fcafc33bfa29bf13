using System.Text.Json.Nodes;
using MimeKit;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Email;

/// <summary>Parses recipient fields: a string (one address, or several separated by commas) or an array of strings.</summary>
internal static class EmailAddresses
{
    private static readonly ParserOptions Strict = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    public static List<MailboxAddress> List(JsonFields fields, string name)
    {
        var texts = fields[name] switch
        {
            null => [],
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            JsonArray items => items.Select((item, i) => item is JsonValue iv && iv.TryGetValue<string>(out var s)
                ? s
                : throw fields.Fail($"{name}[{i}] must be a string")).ToList(),
            _ => throw fields.Fail($"{name} must be an address or an array of addresses"),
        };

        var result = new List<MailboxAddress>();
        foreach (var text in texts)
        {
            if (text.Length > 4096)
            {
                throw fields.Fail($"{name} holds an address longer than 4096 characters");
            }

            result.AddRange(Parse(text, name, fields));
            if (result.Count > EmailSpec.MaxRecipients)
            {
                throw fields.Fail($"{name} names more than {EmailSpec.MaxRecipients} addresses");
            }
        }

        return result;
    }

    private static IEnumerable<MailboxAddress> Parse(string text, string name, JsonFields fields)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Any(c => c is '\r' or '\n' or '\0'))
        {
            throw fields.Fail($"{name} holds an empty or multi-line address");
        }

        if (!InternetAddressList.TryParse(Strict, text, out var list) || list.Count == 0)
        {
            throw fields.Fail($"{name} holds an address that is not a valid e-mail address");
        }

        foreach (var address in list)
        {
            // Groups ("team: a@x, b@y;") are legal RFC 5322 but hide recipients; take plain mailboxes only.
            if (address is not MailboxAddress mailbox || mailbox.Route.Count > 0 ||
                mailbox.LocalPart.Length == 0 || mailbox.Domain.Length == 0 || !mailbox.Domain.Contains('.', StringComparison.Ordinal) && mailbox.Domain != "localhost")
            {
                throw fields.Fail($"{name} holds an address that is not a valid e-mail address");
            }

            yield return mailbox;
        }
    }
}
