using Toolflow.Generation.Models;

namespace Toolflow.Generation.Tests.Models;

public sealed class GenerationModelOptionsTests
{
    [Theory]
    [InlineData("offline", null)]
    [InlineData("OpenAI", "gpt-4o-mini")]
    [InlineData("ollama", "llama3.2")]
    public void UsableSettings_HaveNoProblem(string provider, string? model)
    {
        Assert.Empty(new GenerationModelOptions { Provider = provider, Model = model }.Problems());
    }

    [Theory]
    [InlineData("anthropic", "claude", 1000, "Generation:Provider must be 'offline', 'openai' or 'ollama', not 'anthropic'.")]
    [InlineData("openai", null, 1000, "Generation:Model is required with Generation:Provider 'openai'.")]
    [InlineData("offline", null, 0, "Generation:TimeoutMs must be positive.")]
    public void UnusableSettings_SayWhichSetting(string provider, string? model, int timeoutMs, string expected)
    {
        var problem = Assert.Single(new GenerationModelOptions { Provider = provider, Model = model, TimeoutMs = timeoutMs }.Problems());

        Assert.Equal(expected, problem);
    }

    [Fact]
    public void TheClientFactory_RefusesTheSameSettings()
    {
        using var http = new HttpClient();

        var error = Assert.Throws<InvalidOperationException>(() => ChatClientFactory.Create(new GenerationModelOptions { Provider = "ollama" }, http));

        Assert.Equal("Generation:Model is required with Generation:Provider 'ollama'.", error.Message);
    }
}
