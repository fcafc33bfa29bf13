using System.Net;
using Toolflow.Tools.Http;

namespace Toolflow.Tools.Tests.Http;

public class AddressPolicyTests
{
    private static readonly AddressPolicy Default = new(new HttpToolOptions());

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.10.20.30")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("100.100.100.200")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fc00::1")]
    [InlineData("ff02::1")]
    [InlineData("64:ff9b::7f00:1")]
    public void RefusalReason_InternalAddress_IsRefused(string address)
    {
        Assert.NotNull(Default.RefusalReason(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    public void RefusalReason_PublicAddress_IsAllowed(string address)
    {
        Assert.Null(Default.RefusalReason(IPAddress.Parse(address)));
    }

    [Fact]
    public void RefusalReason_AdministratorRange_AllowsOnlyThatRange()
    {
        var options = new HttpToolOptions();
        options.AllowedRanges.Add("127.0.0.1/32");
        var policy = new AddressPolicy(options);

        Assert.Null(policy.RefusalReason(IPAddress.Loopback));
        Assert.NotNull(policy.RefusalReason(IPAddress.Parse("127.0.0.2")));
        Assert.NotNull(policy.RefusalReason(IPAddress.Parse("10.0.0.1")));
    }

    [Fact]
    public void IsHostAllowed_IgnoresCase()
    {
        var options = new HttpToolOptions();
        options.AllowedHosts.Add("Internal.Example");

        Assert.True(new AddressPolicy(options).IsHostAllowed("internal.example"));
        Assert.False(Default.IsHostAllowed("internal.example"));
    }
}
