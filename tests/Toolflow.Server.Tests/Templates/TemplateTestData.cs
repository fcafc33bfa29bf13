using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Toolflow.Server.Tests.Api;
using Toolflow.Storage.Database;
using Toolflow.Testing.Sql;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Templates;

/// <summary>A small parameterised template and row counters for the template and sharing API tests.</summary>
internal static class TemplateTestData
{
    /// <summary>
    /// A greeting whose name, text and timeout are parameters: <c>timeout</c> is an integer placed
    /// where the definition wants a number, <c>tool</c> lets a test make the result invalid.
    /// </summary>
    public static string Template(string name = "Greeter", string category = "demo", string tags = "\"hello\"") => $$$"""
        {
          "name": "{{{name}}}",
          "description": "greets someone",
          "category": "{{{category}}}",
          "tags": [{{{tags}}}],
          "parameters": {
            "type": "object",
            "properties": {
              "who": { "type": "string", "minLength": 1, "description": "whom to greet" },
              "timeout": { "type": "integer", "minimum": 100, "maximum": 60000, "default": 5000 },
              "tool": { "type": "string", "default": "data.template" }
            },
            "required": ["who"],
            "additionalProperties": false
          },
          "definition": {
            "name": "Greet {{ params.who }}",
            "nodes": [
              { "id": "hello", "tool": "{{ params.tool }}", "timeoutMs": "{{ params.timeout }}",
                "config": { "template": "Hello {{ params.who }} from {{ input.source }}" } }
            ],
            "edges": []
          }
        }
        """;

    public static async Task<Guid> CreateTemplateAsync(this HttpClient client, string? body = null, bool publish = false)
    {
        using var response = await client.PostJsonAsync("/api/v1/templates", body ?? Template());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
        if (publish)
        {
            using var published = await client.PostEmptyAsync($"/api/v1/templates/{id}/publish");
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        return id;
    }

    public static Task<long> CountAsync(this ToolflowFactory factory, string sql, object? args = null) =>
        factory.Services.GetRequiredService<ToolflowDatabase>().CountAsync(sql, args);

    public static Task<int> ExecuteAsync(this ToolflowFactory factory, string sql, object? args = null) =>
        factory.Services.GetRequiredService<ToolflowDatabase>().ExecuteAsync(sql, args);

    public static Task<long> WorkflowsFromAsync(this ToolflowFactory factory, Guid templateId) =>
        factory.CountAsync("SELECT count(*) FROM workflows WHERE template_id = @id", new { id = templateId });

    public static Task<long> UsageAsync(this ToolflowFactory factory, Guid templateId) =>
        factory.CountAsync("SELECT usage_count FROM workflow_templates WHERE id = @id", new { id = templateId });
}
