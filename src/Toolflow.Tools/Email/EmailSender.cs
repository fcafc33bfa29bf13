using System.Text.Json.Nodes;
using MailKit.Net.Smtp;
using MailKit.Security;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Email;

/// <summary>
/// Runs <c>email.send</c>: one SMTP session per send (connect, optional login, send, quit).
/// The output is <c>{ "messageId" }</c>; failures are <see cref="ToolFailureException"/>s typed by <see cref="SmtpFailures"/>.
/// </summary>
public sealed class EmailSender
{
    public async Task<JsonObject> SendAsync(JsonObject config, SmtpSecret secret, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var spec = EmailSpec.From(config);
        using var message = EmailMessageBuilder.Build(spec, secret, idempotencyKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(spec.Timeout);
        using var client = new SmtpClient { Timeout = (int)spec.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(secret.Host, secret.Port, SocketOptions(secret.Security), timeout.Token);
            if (secret.Username is not null)
            {
                await client.AuthenticateAsync(secret.Username, secret.Password ?? string.Empty, timeout.Token);
            }

            await client.SendAsync(message, timeout.Token);
        }
        catch (Exception ex) when (SmtpFailures.Map(ex, secret, cancellationToken) is { } failure)
        {
            throw failure;
        }

        await QuitQuietlyAsync(client);
        return new JsonObject { ["messageId"] = message.MessageId };
    }

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };

    private static async Task QuitQuietlyAsync(SmtpClient client)
    {
        // The server has accepted the message; a failed QUIT must not make the engine send it again.
        try
        {
            using var quit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await client.DisconnectAsync(quit: true, quit.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or MailKit.ProtocolException or MailKit.Net.Smtp.SmtpCommandException or System.Net.Sockets.SocketException)
        {
        }
    }
}
