using System.Text;
using Toolflow.Core.Triggers;

namespace Toolflow.Core.Tests.Triggers;

public class WebhookSignatureTests
{
    private static readonly byte[] Secret = Encoding.UTF8.GetBytes("hook-secret");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"order\":42}");
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SignedBody_Verifies_WithinTheWindow()
    {
        var header = WebhookSignature.Sign(Secret, Now.AddMinutes(-4), Body);

        Assert.Equal(SignatureCheck.Valid, WebhookSignature.Verify(Secret, header, Body, Now));
    }

    [Fact]
    public void ChangedBody_WrongSecret_AndOldTimestamp_AreRefused()
    {
        var header = WebhookSignature.Sign(Secret, Now, Body);

        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(Secret, header, Encoding.UTF8.GetBytes("{\"order\":43}"), Now));
        Assert.Equal(SignatureCheck.Mismatch, WebhookSignature.Verify(Encoding.UTF8.GetBytes("other"), header, Body, Now));
        Assert.Equal(SignatureCheck.OutsideWindow, WebhookSignature.Verify(Secret, WebhookSignature.Sign(Secret, Now.AddMinutes(-6), Body), Body, Now));
        Assert.Equal(SignatureCheck.OutsideWindow, WebhookSignature.Verify(Secret, WebhookSignature.Sign(Secret, Now.AddMinutes(6), Body), Body, Now));
    }

    [Theory]
    [InlineData(null, SignatureCheck.Missing)]
    [InlineData("", SignatureCheck.Missing)]
    [InlineData("sha256=abc", SignatureCheck.Malformed)]
    [InlineData("t=1,v1=zz", SignatureCheck.Malformed)]
    [InlineData("t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.Malformed)]
    [InlineData("t=99999999999999999999,v1=00", SignatureCheck.Malformed)]
    [InlineData("t=1795780800,v1=gggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggggg", SignatureCheck.Malformed)]
    public void MalformedHeaders_AreRefusedWithTheirReason(string? header, SignatureCheck expected)
    {
        Assert.Equal(expected, WebhookSignature.Verify(Secret, header, Body, Now));
    }
}
