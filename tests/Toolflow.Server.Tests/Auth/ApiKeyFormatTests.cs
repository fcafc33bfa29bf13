using Toolflow.Server.Auth;

namespace Toolflow.Server.Tests.Auth;

public class ApiKeyFormatTests
{
    [Fact]
    public void Generate_GivesDistinctKeysThatLookValid_AndAHashOfTheKey()
    {
        var a = ApiKeyFormat.Generate();
        var b = ApiKeyFormat.Generate();

        Assert.NotEqual(a.Key, b.Key);
        Assert.True(ApiKeyFormat.LooksValid(a.Key));
        Assert.StartsWith(a.Prefix + "_", a.Key, StringComparison.Ordinal);
        Assert.Equal(ApiKeyFormat.Hash(a.Key), a.Hash);
        Assert.Equal(64, a.Hash.Length);
        Assert.DoesNotContain(a.Key, a.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer x")]
    [InlineData("tf_short")]
    [InlineData("xx_0123abcd_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("tf_0123abcdaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void LooksValid_RejectsJunk(string? key)
    {
        Assert.False(ApiKeyFormat.LooksValid(key));
    }
}
