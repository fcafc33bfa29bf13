using System.Text;
using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;
using Toolflow.Tools.Integration;

namespace Toolflow.Tools.Tests.Integration;

public class OutputRedactionTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public void SecretValues_InAnyFormAndDepth_AreRemovedFromTheOutput()
    {
        var secret = SmtpSecret.Parse(new JsonObject { ["host"] = "mail.example.org", ["port"] = 587, ["username"] = "bot", ["password"] = Password });
        var output = new JsonObject
        {
            ["text"] = $"the password is {Password}",
            ["rows"] = new JsonArray(new JsonObject { ["b64"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)), ["n"] = 3 }),
            ["url"] = "https://x/?p=" + Uri.EscapeDataString(Password),
        };

        var redacted = OutputRedaction.Redact(output, secret)!.ToJsonString();

        Assert.DoesNotContain(Password, redacted, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Password)), redacted, StringComparison.Ordinal);
        Assert.DoesNotContain(Uri.EscapeDataString(Password), redacted, StringComparison.Ordinal);
        Assert.Contains("\"n\":3", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutASecret_TheOutputIsUntouched()
    {
        var output = new JsonObject { ["text"] = "hello" };

        Assert.Same(output, OutputRedaction.Redact(output, null));
    }
}
