using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Tests.Credentials;

public class HostBindingTests
{
    [Theory]
    [InlineData("api.example.com", "api.example.com", true)]
    [InlineData("api.example.com", "API.Example.COM.", true)]
    [InlineData("api.example.com", "evil-api.example.com", false)]
    [InlineData("api.example.com", "api.example.com.evil.net", false)]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "badexample.com", false)]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("::1", "[::1]", true)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    public void A_bound_credential_goes_only_to_its_hosts(string bound, string host, bool allowed) =>
        Assert.Equal(allowed, new HostBinding([bound]).Allows(host));

    [Fact]
    public void An_unbound_credential_allows_any_host()
    {
        Assert.False(HostBinding.None.IsBound);
        Assert.True(HostBinding.None.Allows("anything.example"));
    }

    [Fact]
    public void Refusal_names_the_credential_and_host_with_a_stable_code()
    {
        var failure = Assert.Throws<ToolFailureException>(() => new HostBinding(["api.example.com"]).Require("evil.example", "github"));
        Assert.Equal("credential.host_not_allowed", failure.Code);
        Assert.False(failure.Retryable);
        Assert.Contains("'github'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'evil.example'", failure.Message, StringComparison.Ordinal);
    }
}
