using System.Text.Json.Nodes;
using MimeKit;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Email;

/// <summary>A node's <c>email.send</c> config after expressions were resolved, checked and normalised.</summary>
public sealed record EmailSpec
{
    public const int MaxRecipients = 100;
    public const int MaxBodyChars = 10 * 1024 * 1024;

    public required IReadOnlyList<MailboxAddress> To { get; init; }
    public IReadOnlyList<MailboxAddress> Cc { get; init; } = [];
    public IReadOnlyList<MailboxAddress> Bcc { get; init; } = [];
    public required string Subject { get; init; }
    public required string Body { get; init; }
    public bool IsHtml { get; init; }
    public MailboxAddress? FromAddress { get; init; }
    public IReadOnlyList<MailboxAddress> ReplyTo { get; init; } = [];
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];
    public required TimeSpan Timeout { get; init; }

    public static EmailSpec From(JsonObject config)
    {
        var fields = JsonFields.Config(config, "email.send");
        var to = EmailAddresses.List(fields, "to");
        var cc = EmailAddresses.List(fields, "cc");
        var bcc = EmailAddresses.List(fields, "bcc");
        if (to.Count + cc.Count + bcc.Count == 0)
        {
            throw fields.Fail("to is required");
        }

        if (to.Count + cc.Count + bcc.Count > MaxRecipients)
        {
            throw fields.Fail($"to, cc and bcc together may name at most {MaxRecipients} recipients");
        }

        var subject = fields.Text("subject", 998) ?? string.Empty;
        if (subject.Any(c => c is '\r' or '\n' or '\0'))
        {
            // A line break in a header value would let the text smuggle in headers of its own.
            throw fields.Fail("subject must be a single line");
        }

        var from = EmailAddresses.List(fields, "from");
        if (from.Count > 1)
        {
            throw fields.Fail("from must be a single address");
        }

        return new EmailSpec
        {
            To = to,
            Cc = cc,
            Bcc = bcc,
            Subject = subject,
            Body = fields.Text("body", MaxBodyChars) ?? string.Empty,
            IsHtml = ReadIsHtml(fields),
            FromAddress = from.Count == 1 ? from[0] : null,
            ReplyTo = EmailAddresses.List(fields, "replyTo"),
            Headers = EmailHeaders.Parse(fields),
            Timeout = TimeSpan.FromMilliseconds(fields.Integer("timeoutMs", 1, 300_000) ?? 30_000),
        };
    }

    private static bool ReadIsHtml(JsonFields fields)
    {
        var html = fields.Flag("html");
        var bodyType = fields.Text("bodyType", 16)?.ToLowerInvariant();
        var byType = bodyType switch
        {
            null => (bool?)null,
            "text" or "plain" => false,
            "html" => true,
            _ => throw fields.Fail("bodyType must be text or html"),
        };
        if (html is not null && byType is not null && html != byType)
        {
            throw fields.Fail("html and bodyType disagree");
        }

        return html ?? byType ?? false;
    }
}
