using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Email;
using Toolflow.Tools.Http;

namespace Toolflow.Tools.Tests.Email;

/// <summary>email.send when the connection itself goes wrong: nobody listening, a silent server, TLS that cannot happen.</summary>
public sealed class EmailTransportFailureTests
{
    private static readonly JsonObject Config = new() { ["to"] = "me@example.org", ["subject"] = "s", ["body"] = "b" };

    private static SmtpSecret Secret(int port, string security = "none") => SmtpSecret.Parse(new JsonObject
    {
        ["host"] = "127.0.0.1",
        ["port"] = port,
        ["security"] = security,
        ["from"] = "robot@example.org",
    });

    private static Task<JsonObject> SendAsync(SmtpSecret secret, int timeoutMs = 30_000)
    {
        var config = (JsonObject)Config.DeepClone();
        config["timeoutMs"] = timeoutMs;
        return new EmailSender().SendAsync(config, secret, "exec:mail:0", CancellationToken.None);
    }

    [Fact]
    public async Task ConnectionRefused_IsRetryable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => SendAsync(Secret(port)));

        Assert.Equal("network", failure.Code);
        Assert.True(failure.Retryable);
    }

    [Fact]
    public async Task ServerThatNeverGreets_TimesOutAsRetryable()
    {
        // The kernel completes the TCP handshake from the backlog; nothing ever answers on it.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var failure = await Assert.ThrowsAsync<ToolFailureException>(() => SendAsync(Secret(((IPEndPoint)listener.LocalEndpoint).Port), timeoutMs: 300));

            Assert.Equal("timeout", failure.Code);
            Assert.True(failure.Retryable);
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public async Task StartTlsRequired_ButNotOffered_IsNotRetryable()
    {
        await using var peer = await LocalSmtpPeer.StartAsync();

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => SendAsync(Secret(peer.Port, "starttls")));

        Assert.Equal("smtp_tls", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Empty(peer.Received);
    }

    [Fact]
    public async Task ImplicitTls_AgainstAPlainServer_IsNotRetryable()
    {
        await using var peer = await LocalSmtpPeer.StartAsync();

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => SendAsync(Secret(peer.Port, "tls")));

        Assert.Equal("smtp_tls", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Empty(peer.Received);
    }

    [Fact]
    public async Task WithAnAddressPolicy_ALoopbackHostIsRefusedBeforeConnecting()
    {
        await using var peer = await LocalSmtpPeer.StartAsync();
        var sender = new EmailSender(new AddressPolicy(new HttpToolOptions()));

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() =>
            sender.SendAsync((JsonObject)Config.DeepClone(), Secret(peer.Port), "exec:mail:0", CancellationToken.None));

        Assert.Equal("ssrf_refused", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Empty(peer.Received);
    }

    [Fact]
    public async Task WithAnAddressPolicy_AnAllowedHostIsReachedAtTheCheckedAddress()
    {
        await using var peer = await LocalSmtpPeer.StartAsync();
        var options = new HttpToolOptions();
        options.AllowedRanges.Add("127.0.0.1/32");

        await new EmailSender(new AddressPolicy(options)).SendAsync((JsonObject)Config.DeepClone(), Secret(peer.Port), "exec:mail:0", CancellationToken.None);

        Assert.Single(peer.Received);
    }
}
