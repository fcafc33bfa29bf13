using System.Text.Json.Nodes;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Tests.Credentials;

/// <summary>The one entry point that parses any credential type the integration tools read.</summary>
public sealed class CredentialTypesTests
{
    [Theory]
    [InlineData("smtp", "{\"host\":\"mail.example.org\",\"username\":\"u\",\"password\":\"Secret-Value-1\"}", typeof(SmtpSecret))]
    [InlineData("postgres", "{\"host\":\"db\",\"database\":\"d\",\"username\":\"u\",\"password\":\"Secret-Value-1\"}", typeof(DbSecret))]
    [InlineData("sqlite", "{\"path\":\"/data/x.db\"}", typeof(DbSecret))]
    [InlineData("openai", "{\"apiKey\":\"Secret-Value-1\"}", typeof(LlmSecret))]
    [InlineData("ollama", "{\"baseUrl\":\"http://ollama:11434\"}", typeof(LlmSecret))]
    public void Parse_KnownTypes_GiveTheirSecret_WhichNamesItsSecretValues(string type, string json, Type expected)
    {
        var secret = CredentialTypes.Parse(type, JsonNode.Parse(json)!.AsObject());

        Assert.IsType(expected, secret);
        Assert.DoesNotContain("Secret-Value-1", secret.ToString()!, StringComparison.Ordinal);
        if (json.Contains("Secret-Value-1", StringComparison.Ordinal))
        {
            Assert.Contains(secret.SecretValues(), v => v is not null && v.Contains("Secret-Value-1", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Parse_UnknownType_IsACredentialFailure()
    {
        var failure = Assert.Throws<ToolFailureException>(() => CredentialTypes.Parse("ftp", new JsonObject()));

        Assert.Equal("invalid_credential", failure.Code);
        Assert.Contains("smtp, postgres, sqlite, openai, ollama", failure.Message, StringComparison.Ordinal);
    }
}
