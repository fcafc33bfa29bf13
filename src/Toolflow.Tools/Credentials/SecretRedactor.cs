using System.Text;

namespace Toolflow.Tools.Credentials;

/// <summary>
/// Last line of defence: a peer's error text may echo what it was sent, so failure messages
/// built from it pass through here and lose every secret value, plain, base64 or URL-encoded.
/// </summary>
public static class SecretRedactor
{
    public static string Redact(string message, IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(secrets);
        foreach (var secret in secrets)
        {
            // Very short values would blank out ordinary words; they are not worth guarding this way.
            if (string.IsNullOrEmpty(secret) || secret.Length < 4)
            {
                continue;
            }

            foreach (var form in Forms(secret))
            {
                message = message.Replace(form, "***", StringComparison.Ordinal);
            }
        }

        return message;
    }

    private static IEnumerable<string> Forms(string secret)
    {
        yield return secret;
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
        yield return Uri.EscapeDataString(secret);
    }
}
