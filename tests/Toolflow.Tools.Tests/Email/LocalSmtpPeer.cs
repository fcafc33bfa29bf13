using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Toolflow.Tools.Tests.Email;

/// <summary>
/// A real SMTP server (the SmtpServer package) on 127.0.0.1 and a free port. It keeps every
/// message it accepts, refuses recipients whose local part starts with "reject" (550) or
/// "busy" (450), and checks logins against one username and password when asked to.
/// </summary>
public sealed class LocalSmtpPeer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task running = Task.CompletedTask;

    private LocalSmtpPeer()
    {
    }

    public int Port { get; private set; }

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    public ConcurrentQueue<string> LoginAttempts { get; } = new();

    public static async Task<LocalSmtpPeer> StartAsync(string? username = null, string? password = null)
    {
        var peer = new LocalSmtpPeer();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0))
                .AllowUnsecureAuthentication(true)
                .AuthenticationRequired(username is not null))
            .Build();

        var started = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(peer));
        services.Add(new Filter());
        services.Add(new DelegatingUserAuthenticator((user, pass) =>
        {
            peer.LoginAttempts.Enqueue(user);
            return user == username && pass == password;
        }));

        var server = new SmtpServer.SmtpServer(options, services);
        peer.running = server.StartAsync(peer.stop.Token);
        peer.Port = await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return peer;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    public sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message, string Raw);

    private sealed class Store(LocalSmtpPeer peer) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var bytes = buffer.ToArray();
            using var stream = new MemoryStream(bytes);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            peer.Received.Enqueue(new ReceivedMail(
                Address(transaction.From),
                [.. transaction.To.Select(Address)],
                message,
                System.Text.Encoding.UTF8.GetString(bytes)));
            return SmtpResponse.Ok;
        }

        private static string Address(IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";
    }

    private sealed class Filter : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
        {
            if (to.User.StartsWith("reject", StringComparison.Ordinal))
            {
                throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "no such mailbox here"));
            }

            if (to.User.StartsWith("busy", StringComparison.Ordinal))
            {
                throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.Unavailable, "mailbox busy, try later"));
            }

            return Task.FromResult(true);
        }
    }
}
