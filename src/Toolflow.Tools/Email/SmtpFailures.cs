using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Email;

/// <summary>
/// Types what went wrong talking to the SMTP server. Transient trouble (no connection, a timeout,
/// a 4xx reply) is retryable; what a retry cannot fix (a 5xx reply, bad login, TLS refused) is not.
/// </summary>
internal static class SmtpFailures
{
    public static ToolFailureException? Map(Exception ex, SmtpSecret secret, CancellationToken callerToken)
    {
        string Clean(string text) => SecretRedactor.Redact(text, secret.SecretValues());
        var where = $"{secret.Host}:{secret.Port}";
        return ex switch
        {
            OperationCanceledException when callerToken.IsCancellationRequested => null,
            OperationCanceledException or TimeoutException =>
                new("timeout", $"the SMTP server {where} did not answer in time", retryable: true),
            SmtpCommandException command => Command(command, Clean),
            AuthenticationException =>
                new("smtp_auth", $"the SMTP server {where} refused the username and password", retryable: false),
            ServiceNotAuthenticatedException =>
                new("smtp_auth", $"the SMTP server {where} requires authentication; the credential has no username", retryable: false),
            SslHandshakeException =>
                new("smtp_tls", $"the TLS handshake with {where} failed (certificate or protocol)", retryable: false),
            NotSupportedException notSupported =>
                new("smtp_tls", $"the SMTP server {where} cannot do what the credential asks: {Clean(notSupported.Message)}", retryable: false),
            SocketException socket =>
                new("network", $"could not reach the SMTP server {where}: {socket.SocketErrorCode}", retryable: true),
            IOException or ProtocolException or ServiceNotConnectedException =>
                new("network", $"the connection to the SMTP server {where} broke off", retryable: true),
            _ => null,
        };
    }

    private static ToolFailureException Command(SmtpCommandException ex, Func<string, string> clean)
    {
        var status = (int)ex.StatusCode;
        var about = ex.ErrorCode switch
        {
            SmtpErrorCode.RecipientNotAccepted => $"recipient {ex.Mailbox?.Address} was refused",
            SmtpErrorCode.SenderNotAccepted => $"sender {ex.Mailbox?.Address} was refused",
            SmtpErrorCode.MessageNotAccepted => "the message was refused",
            _ => "the server answered unexpectedly",
        };

        // 4xx is the server saying "not now"; 5xx is "never".
        var retryable = status is >= 400 and < 500;
        return new ToolFailureException("smtp_rejected", $"{about}: {status} {clean(ex.Message)}", retryable, status: status);
    }
}
