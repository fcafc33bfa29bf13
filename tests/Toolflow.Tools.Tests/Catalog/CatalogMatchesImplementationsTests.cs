using System.Text.Json.Nodes;
using Toolflow.Core.Expressions;
using Toolflow.Core.Expressions.Sandbox;
using Toolflow.Tools.BuiltIn;
using Toolflow.Tools.Catalog;
using Toolflow.Tools.Database;
using Toolflow.Tools.Email;
using Toolflow.Tools.Http;
using Toolflow.Tools.Integration;
using Toolflow.Tools.Llm;

namespace Toolflow.Tools.Tests.Catalog;

/// <summary>What the registry publishes is what runs: every descriptor has an implementation, and the examples parse.</summary>
public class CatalogMatchesImplementationsTests
{
    [Fact]
    public void EveryDescriptorHasAnImplementation_AndEveryImplementationADescriptor()
    {
        using var integrations = new IntegrationTools(new IntegrationToolOptions(), NoCredentials.Instance);
        var registry = integrations.AddTo(BuiltInTools.Create(new ExpressionEvaluator(new JavaScriptSandbox(SandboxLimits.Expressions))));

        var described = BuiltInToolDescriptors.All.Select(d => d.Name).Order().ToList();
        var implemented = registry.Names.Order().ToList();

        Assert.Equal(described, implemented);
    }

    [Fact]
    public void SideEffectFlags_AgreeBetweenDescriptorAndImplementation()
    {
        using var integrations = new IntegrationTools(new IntegrationToolOptions(), NoCredentials.Instance);
        var registry = integrations.AddTo(BuiltInTools.Create(new ExpressionEvaluator(new JavaScriptSandbox(SandboxLimits.Expressions))));

        foreach (var descriptor in BuiltInToolDescriptors.All.Where(d => d.HasSideEffects))
        {
            Assert.True(registry.Find(descriptor.Name)!.HasSideEffects, descriptor.Name);
        }
    }

    [Fact]
    public void IntegrationExamples_AreAcceptedByTheirToolsConfigParsers_OnceExpressionsAreResolved()
    {
        JsonObject Example(string name) => Resolved(BuiltInToolDescriptors.All.Single(d => d.Name == name).ExampleConfig!);

        HttpRequestSpec.From(Example("http.request"), new HttpToolOptions());
        EmailSpec.From(Example("email.send"));
        DbQuerySpec.From(Example("db.query"), new DbToolOptions());
        LlmChatSpec.From(Example("llm.chat"), null, new LlmToolOptions());
    }

    /// <summary>Stands a plain value in for each expression, as the engine would after evaluating it.</summary>
    private static JsonObject Resolved(JsonObject example)
    {
        var copy = (JsonObject)example.DeepClone();
        Replace(copy);
        return copy;

        static void Replace(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var key in obj.Select(p => p.Key).ToList())
                    {
                        if (obj[key] is JsonValue v && v.TryGetValue<string>(out var s) && ExpressionTemplate.ContainsExpression(s))
                        {
                            obj[key] = key switch
                            {
                                "to" or "cc" or "bcc" or "from" or "replyTo" => "someone@example.org",
                                "url" => "https://example.org/x",
                                _ => "value",
                            };
                        }
                        else
                        {
                            Replace(obj[key]);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Replace(item);
                    }

                    break;
            }
        }
    }
}
