using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Text;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Email;

/// <summary>Builds the MIME message of one send, with a Message-ID that is the same on every retry of it.</summary>
internal static partial class EmailMessageBuilder
{
    public static MimeMessage Build(EmailSpec spec, SmtpSecret secret, string idempotencyKey)
    {
        var from = spec.FromAddress ?? SecretFrom(secret) ?? throw new ToolFailureException(
            "invalid_config", "email.send config: from is required (in the config or the smtp credential)", retryable: false);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.AddRange(spec.To);
        message.Cc.AddRange(spec.Cc);
        message.Bcc.AddRange(spec.Bcc);
        message.ReplyTo.AddRange(spec.ReplyTo);
        message.Subject = spec.Subject;
        message.MessageId = MessageId(idempotencyKey, from.Domain);
        foreach (var (name, value) in spec.Headers)
        {
            message.Headers.Add(name, value);
        }

        message.Body = new TextPart(spec.IsHtml ? TextFormat.Html : TextFormat.Plain) { Text = spec.Body };
        return message;
    }

    /// <summary>
    /// The idempotency key (executionId:nodeId:itemIndex) made into a Message-ID local part, so
    /// a send that is retried after a crash carries the same id and receivers can drop the duplicate.
    /// Keys that do not fit a dot-atom are hashed instead.
    /// </summary>
    public static string MessageId(string idempotencyKey, string domain)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        var local = idempotencyKey.Replace(':', '.');
        if (local.Length > 120 || !DotAtom().IsMatch(local))
        {
            local = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..40];
        }

        return $"toolflow.{local}@{domain}";
    }

    private static MailboxAddress? SecretFrom(SmtpSecret secret)
    {
        if (string.IsNullOrEmpty(secret.From))
        {
            return null;
        }

        return MailboxAddress.TryParse(secret.From, out var address) && address.Domain.Length > 0 && !secret.From.Any(char.IsControl)
            ? address
            : throw new ToolFailureException("invalid_credential", "smtp credential: from is not a valid e-mail address", retryable: false);
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DotAtom();
}
