using Microsoft.Extensions.Configuration;
using Toolflow.Server.Workers;

namespace Toolflow.Server.Tests.Cli;

/// <summary>Engine:MaxParallelNodes, the parallelism limit of every execution (SPEC §2), from configuration.</summary>
public sealed class EngineConfigurationTests
{
    private static IConfiguration Configuration(string? value) => new ConfigurationBuilder()
        .AddInMemoryCollection(value is null ? [] : new Dictionary<string, string?> { ["Engine:MaxParallelNodes"] = value })
        .Build();

    [Fact]
    public void Without_a_setting_the_limit_is_the_engines_default() =>
        Assert.Equal(8, EngineConfiguration.Read(Configuration(null)).MaxParallelNodes);

    [Fact]
    public void A_setting_becomes_the_limit() =>
        Assert.Equal(2, EngineConfiguration.Read(Configuration("2")).MaxParallelNodes);

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("1001")]
    public void A_limit_out_of_range_stops_the_start_naming_the_key(string value)
    {
        var error = Assert.Throws<Storage.SettingsException>(() => EngineConfiguration.Read(Configuration(value)));
        Assert.Contains("Engine:MaxParallelNodes", error.Message, StringComparison.Ordinal);
    }
}
