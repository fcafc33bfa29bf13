using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Email;

namespace Toolflow.Tools.Tests.Email;

/// <summary>email.send logging in to a real SMTP server that requires authentication.</summary>
public sealed class EmailAuthTests : IAsyncLifetime
{
    private const string Password = "s3cret-Pa55word!";
    private LocalSmtpPeer peer = null!;

    public async Task InitializeAsync() => peer = await LocalSmtpPeer.StartAsync("robot", Password);

    public async Task DisposeAsync() => await peer.DisposeAsync();

    private Task<JsonObject> SendAsync(string? username, string? password) =>
        new EmailSender().SendAsync(
            new JsonObject { ["to"] = "me@example.org", ["subject"] = "s", ["body"] = "b" },
            SmtpSecret.Parse(new JsonObject
            {
                ["host"] = "127.0.0.1",
                ["port"] = peer.Port,
                ["security"] = "none",
                ["username"] = username,
                ["password"] = password,
                ["from"] = "robot@example.org",
            }),
            "exec:mail:0",
            CancellationToken.None);

    [Fact]
    public async Task RightPassword_LogsInAndSends()
    {
        await SendAsync("robot", Password);

        Assert.Single(peer.Received);
        Assert.Equal(["robot"], peer.LoginAttempts);
    }

    [Fact]
    public async Task WrongPassword_IsNotRetryable_AndNeverEchoed()
    {
        const string wrong = "wr0ng-Pa55word!";
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => SendAsync("robot", wrong));

        Assert.Equal("smtp_auth", failure.Code);
        Assert.False(failure.Retryable);
        Assert.DoesNotContain(wrong, failure.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String("\0robot\0wr0ng-Pa55word!"u8.ToArray()), failure.ToString(), StringComparison.Ordinal);
        Assert.Empty(peer.Received);
    }

    [Fact]
    public async Task NoLogin_WhereOneIsRequired_IsNotRetryable()
    {
        var failure = await Assert.ThrowsAsync<ToolFailureException>(() => SendAsync(null, null));

        Assert.False(failure.Retryable);
        Assert.Equal("smtp_auth", failure.Code);
        Assert.Empty(peer.Received);
    }
}
