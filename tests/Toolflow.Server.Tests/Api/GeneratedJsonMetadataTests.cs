using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Toolflow.Server.Tests.Api;

/// <summary>
/// Every body an API route declares it writes has source-generated metadata in the HTTP JSON options, ahead of
/// the reflection-based fallback the JIT build also has: the headless native build has no such fallback, so a
/// type missing here answers 500 there (docs/headless.md). Checked on the JIT build, so every CI run catches it.
/// </summary>
public sealed class GeneratedJsonMetadataTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Fact]
    public void EveryDeclaredResponseBody_HasGeneratedMetadata()
    {
        _ = factory.CreateClient();
        var options = factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var generated = options.TypeInfoResolverChain.Where(r => r is System.Text.Json.Serialization.JsonSerializerContext).ToList();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;

        var bodies = endpoints
            .Where(e => e is RouteEndpoint route && route.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.OfType<IProducesResponseTypeMetadata>())
            .Select(m => m.Type)
            .OfType<Type>()
            .Where(t => t != typeof(void) && !t.IsAssignableTo(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails)))
            .Distinct()
            .ToList();
        var missing = bodies.Where(t => generated.All(r => r.GetTypeInfo(t, options) is null)).Select(t => t.FullName).ToList();

        Assert.True(bodies.Count > 20, $"only {bodies.Count} declared bodies found: the check would prove nothing");
        Assert.True(missing.Count == 0, "no generated JSON metadata for: " + string.Join(", ", missing));
    }
}
