using System.Net;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Api;

/// <summary>
/// A body field of the wrong JSON type answers a message about the field (what it must be, what it was),
/// never the serializer's text naming the server's .NET types; nothing is written.
/// </summary>
public sealed class BodyTypeMessageTests(ToolflowFactory factory) : IClassFixture<ToolflowFactory>
{
    [Theory]
    [InlineData("/api/v1/users", """{"email":"typed@example.org","displayName":"T","role":"boss"}""", "/role", "must be one of 'admin', 'member', not the string 'boss'")]
    [InlineData("/api/v1/users", """{"email":5,"displayName":"T","role":"member"}""", "/email", "must be a string, not the number 5")]
    [InlineData("/api/v1/tools/suggest", """{"requirements":"send an e-mail"}""", "/requirements", "must be an array, not the string 'send an e-mail'")]
    [InlineData("/api/v1/tools/suggest", """{"requirements":["ok", 3]}""", "/requirements/1", "must be a string, not the number 3")]
    [InlineData("/api/v1/api-keys", """{"name":"k","scopes":["all"]}""", "/scopes", "unknown property 'scopes'")]
    [InlineData("/api/v1/credentials", """{"name":"typed","type":"smtp","data":"secret"}""", "/data", "must be an object")]
    public async Task WrongType_AnswersWhatTheFieldMustBe_WithoutServerTypeNames(string path, string body, string pointer, string message)
    {
        using var client = factory.AdminClient();

        using var response = await client.PostJsonAsync(path, body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, pointer);
        Assert.Equal(message, problem.GetProperty("errors").GetProperty(pointer)[0].GetString());
        Assert.DoesNotContain("Toolflow.", problem.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(".NET", problem.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A credential's <c>data</c> is the secret: a wrong type is named without echoing what was sent, on create and update.</summary>
    [Fact]
    public async Task WrongType_OfACredentialsData_NeverEchoesTheValue()
    {
        using var client = factory.AdminClient();
        const string Secret = "hunter2-never-echoed";
        using var created = await client.PostJsonAsync("/api/v1/credentials", """{"name":"echo-check","type":"smtp","data":{"password":"p"}}""");
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();

        using var create = await client.PostJsonAsync("/api/v1/credentials", $$"""{"name":"echo-check-2","type":"smtp","data":"{{Secret}}"}""");
        using var update = await client.PutAsync(Uri($"/api/v1/credentials/{id}"), JsonText($$"""{"name":"echo-check","data":["{{Secret}}"]}"""));

        foreach (var response in new[] { create, update })
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "/data");
            Assert.DoesNotContain(Secret, problem.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task WrongType_OnExecute_NamesTheField_AndStartsNothing()
    {
        using var client = factory.AdminClient();
        var workflowId = await client.CreateWorkflowAsync();

        using var response = await client.PostJsonAsync($"/api/v1/workflows/{workflowId}/execute", """{"input":{"who":"Ada"},"idempotencyKey":7}""");
        using var executions = await client.GetAsync($"/api/v1/workflows/{workflowId}/executions");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "/idempotencyKey");
        Assert.Equal("must be a string, not the number 7", problem.GetProperty("errors").GetProperty("/idempotencyKey")[0].GetString());
        Assert.Equal(0, (await executions.ReadJsonAsync()).GetProperty("items").GetArrayLength());
    }
}
