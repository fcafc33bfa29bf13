using System.Net.Sockets;
using System.Text.Json.Nodes;
using MailKit.Net.Smtp;
using MailKit.Security;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Http;

namespace Toolflow.Tools.Email;

/// <summary>
/// Runs <c>email.send</c>: one SMTP session per send (connect, optional login, send, quit).
/// The output is <c>{ "messageId" }</c>; failures are <see cref="ToolFailureException"/>s typed by <see cref="SmtpFailures"/>.
/// With an <see cref="AddressPolicy"/> the credential's host is resolved once, checked like an
/// <c>http.request</c> URL, and the connection made to the checked address.
/// </summary>
public sealed class EmailSender(AddressPolicy? policy = null)
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
            await ConnectAsync(client, secret, timeout.Token);
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

    private async Task ConnectAsync(SmtpClient client, SmtpSecret secret, CancellationToken cancellationToken)
    {
        if (policy is null)
        {
            await client.ConnectAsync(secret.Host, secret.Port, SocketOptions(secret.Security), cancellationToken);
            return;
        }

        var addresses = await CredentialHostGuard.ResolveAsync(policy, secret.Host, cancellationToken);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, secret.Port, cancellationToken);

            // The host name still goes along, for TLS certificate validation.
            await client.ConnectAsync(socket, secret.Host, secret.Port, SocketOptions(secret.Security), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
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
        catch (Exception ex) when (ex is IOException or OperationCanceledException or MailKit.ProtocolException or SmtpCommandException or SocketException)
        {
        }
    }
}
