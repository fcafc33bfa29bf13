using System.Text.Json.Nodes;
using MimeKit;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Email;

namespace Toolflow.Tools.Tests.Email;

/// <summary>email.send against a real SMTP server on 127.0.0.1.</summary>
public sealed class EmailSenderTests : IAsyncLifetime
{
    private LocalSmtpPeer peer = null!;

    public async Task InitializeAsync() => peer = await LocalSmtpPeer.StartAsync();

    public async Task DisposeAsync() => await peer.DisposeAsync();

    private static SmtpSecret Secret(int port, string? username = null, string? password = null) =>
        SmtpSecret.Parse(new JsonObject
        {
            ["host"] = "127.0.0.1",
            ["port"] = port,
            ["security"] = "none",
            ["username"] = username,
            ["password"] = password,
            ["from"] = "Toolflow <robot@example.org>",
        });

    private Task<JsonObject> SendAsync(JsonObject config, string key = "exec-1:mail:0") =>
        new EmailSender().SendAsync(config, Secret(peer.Port), key, CancellationToken.None);

    [Fact]
    public async Task PlainText_ReachesTheRecipient()
    {
        var output = await SendAsync(new JsonObject { ["to"] = "me@example.org", ["subject"] = "Digest", ["body"] = "hello there" });

        var mail = Assert.Single(peer.Received);
        Assert.Equal(["me@example.org"], mail.EnvelopeTo);
        Assert.Equal("robot@example.org", mail.EnvelopeFrom);
        Assert.Equal("Digest", mail.Message.Subject);
        Assert.Equal("hello there", mail.Message.TextBody!.TrimEnd());
        Assert.Null(mail.Message.HtmlBody);
        Assert.Equal((string)output["messageId"]!, mail.Message.MessageId);
    }

    [Theory]
    [InlineData("html", null)]
    [InlineData(null, true)]
    public async Task Html_IsSentAsHtml(string? bodyType, bool? html)
    {
        await SendAsync(new JsonObject { ["to"] = "me@example.org", ["subject"] = "s", ["body"] = "<p>hi</p>", ["bodyType"] = bodyType, ["html"] = html });

        var mail = Assert.Single(peer.Received);
        Assert.Equal("<p>hi</p>", mail.Message.HtmlBody!.TrimEnd());
    }

    [Fact]
    public async Task CcAndBcc_ReachTheirRecipients_AndBccStaysHidden()
    {
        await SendAsync(new JsonObject
        {
            ["to"] = new JsonArray("a@example.org", "b@example.org"),
            ["cc"] = "c@example.org, Dee <d@example.org>",
            ["bcc"] = new JsonArray("hidden@example.org"),
            ["subject"] = "s",
            ["body"] = "b",
        });

        var mail = Assert.Single(peer.Received);
        Assert.Equal(["a@example.org", "b@example.org", "c@example.org", "d@example.org", "hidden@example.org"], mail.EnvelopeTo.Order());
        Assert.Equal(2, mail.Message.Cc.Count);
        Assert.Empty(mail.Message.Bcc);
        Assert.DoesNotContain("hidden@example.org", mail.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeadersReplyToAndFrom_AreSent()
    {
        await SendAsync(new JsonObject
        {
            ["to"] = "me@example.org",
            ["from"] = "other@example.net",
            ["replyTo"] = "answers@example.org",
            ["headers"] = new JsonObject { ["X-Campaign"] = "nov", ["X-Count"] = 3 },
            ["subject"] = "s",
            ["body"] = "b",
        });

        var mail = Assert.Single(peer.Received);
        Assert.Equal("other@example.net", mail.EnvelopeFrom);
        Assert.Equal("answers@example.org", ((MailboxAddress)mail.Message.ReplyTo.Single()).Address);
        Assert.Equal("nov", mail.Message.Headers["X-Campaign"]);
        Assert.Equal("3", mail.Message.Headers["X-Count"]);
    }

    [Fact]
    public async Task MessageId_IsTheSameWhenTheSameSendIsRetried()
    {
        var config = new JsonObject { ["to"] = "me@example.org", ["subject"] = "s", ["body"] = "b" };
        var first = await SendAsync(config, "0193a0b1-7c00-7000-8000-000000000001:mail:2");
        var retry = await SendAsync(config, "0193a0b1-7c00-7000-8000-000000000001:mail:2");
        var other = await SendAsync(config, "0193a0b1-7c00-7000-8000-000000000001:mail:3");

        Assert.Equal((string)first["messageId"]!, (string)retry["messageId"]!);
        Assert.NotEqual((string)first["messageId"]!, (string)other["messageId"]!);
        Assert.Equal("toolflow.0193a0b1-7c00-7000-8000-000000000001.mail.2@example.org", (string)first["messageId"]!);
        Assert.Equal(3, peer.Received.Count);
    }

    [Fact]
    public async Task MessageId_OfAHostileKey_IsHashed()
    {
        var output = await SendAsync(new JsonObject { ["to"] = "me@example.org", ["body"] = "b" }, "a>b\r\nBcc: x@evil.example:<n>:0");

        Assert.Matches("^toolflow\\.[0-9a-f]{40}@example\\.org$", (string)output["messageId"]!);
        Assert.Equal(["me@example.org"], Assert.Single(peer.Received).EnvelopeTo);
    }

    [Fact]
    public async Task RejectedRecipient_5xx_IsNotRetryable()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => SendAsync(new JsonObject { ["to"] = "reject-me@example.org", ["body"] = "b" }));

        Assert.Equal("smtp_rejected", failure.Code);
        Assert.Equal(550, failure.Status);
        Assert.False(failure.Retryable);
        Assert.Contains("reject-me@example.org", failure.Message, StringComparison.Ordinal);
        Assert.Empty(peer.Received);
    }

    [Fact]
    public async Task BusyRecipient_4xx_IsRetryable()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => SendAsync(new JsonObject { ["to"] = "busy@example.org", ["body"] = "b" }));

        Assert.Equal("smtp_rejected", failure.Code);
        Assert.Equal(450, failure.Status);
        Assert.True(failure.Retryable);
    }

    [Fact]
    public async Task MissingFrom_IsAConfigFailure()
    {
        var secret = SmtpSecret.Parse(new JsonObject { ["host"] = "127.0.0.1", ["port"] = peer.Port, ["security"] = "none" });

        var failure = await Assert.ThrowsAsync<ToolFailureException>(() =>
            new EmailSender().SendAsync(new JsonObject { ["to"] = "me@example.org" }, secret, "k", CancellationToken.None));

        Assert.Equal("invalid_config", failure.Code);
        Assert.Contains("from", failure.Message, StringComparison.Ordinal);
        Assert.Empty(peer.Received);
    }
}
