using System.Net;
using System.Text;
using Toolflow.Server.Tests.Api;
using Toolflow.Testing.Stores;
using static Toolflow.Server.Tests.Api.ApiTestData;

namespace Toolflow.Server.Tests.Templates;

/// <summary>/api/v1/templates over the real pipeline (SQLite); PostgresTemplateSharingTests repeats the storage-heavy paths.</summary>
public abstract class TemplateEndpointSuite(ToolflowFactory factory)
{
    [StoreFact]
    public async Task Instantiate_SubstitutesTypedValues_LinksTheTemplate_AndCountsUsage()
    {
        var (_, author) = await factory.CreateMemberAsync();
        var (userId, user) = await factory.CreateMemberAsync();
        using (author)
        using (user)
        {
            var templateId = await author.CreateTemplateAsync(publish: true);

            using var created = await user.PostJsonAsync($"/api/v1/templates/{templateId}/instantiate", """{"parameters":{"who":"Ada","timeout":2500}}""");

            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var workflow = await created.ReadJsonAsync();
            Assert.Equal($"/api/v1/workflows/{workflow.GetProperty("id").GetGuid()}", created.Headers.Location?.OriginalString);
            Assert.Equal("Greet Ada", workflow.GetProperty("name").GetString());
            Assert.Equal(templateId, workflow.GetProperty("templateId").GetGuid());
            Assert.Equal(userId, workflow.GetProperty("ownerId").GetGuid());
            var node = workflow.GetProperty("nodes")[0];
            Assert.Equal(System.Text.Json.JsonValueKind.Number, node.GetProperty("timeoutMs").ValueKind);
            Assert.Equal(2500, node.GetProperty("timeoutMs").GetInt32());
            Assert.Equal("Hello Ada from {{ input.source }}", node.GetProperty("config").GetProperty("template").GetString());
            Assert.Equal(1, await factory.UsageAsync(templateId));

            using var named = await user.PostJsonAsync($"/api/v1/templates/{templateId}/instantiate", """{"parameters":{"who":"Bo"},"name":"My copy"}""");
            var second = await named.ReadJsonAsync();
            Assert.Equal("My copy", second.GetProperty("name").GetString());
            Assert.Equal(5000, second.GetProperty("nodes")[0].GetProperty("timeoutMs").GetInt32()); // the default
            Assert.Equal(2, await factory.UsageAsync(templateId));
            using var template = await user.GetAsync($"/api/v1/templates/{templateId}");
            Assert.Equal(2, (await template.ReadJsonAsync()).GetProperty("usageCount").GetInt64());
        }
    }

    /// <summary>
    /// An optional parameter left out (no default) is null, not an "unknown parameter"; a path into an object
    /// parameter (<c>params.opts.retries</c>) is looked up, so the workflow holds the raw value, not an expression.
    /// </summary>
    [StoreFact]
    public async Task Instantiate_OptionalParameterLeftOut_IsNull_AndNestedPathsGiveRawValues()
    {
        using var admin = factory.AdminClient();
        var templateId = await admin.CreateTemplateAsync("""
            {
              "name": "Nested", "category": "demo",
              "parameters": { "type": "object",
                "properties": { "url": { "type": "string" }, "note": { "type": "string" },
                                "opts": { "type": "object", "properties": { "retries": { "type": "integer" }, "tags": { "type": "array" } } } },
                "required": ["url"] },
              "definition": { "name": "Nested {{ params.url }}",
                "nodes": [ { "id": "s", "tool": "data.set", "config": { "values": {
                  "note": "{{ params.note }}", "retries": "{{ params.opts.retries }}", "firstTag": "{{ params.opts.tags[0] }}",
                  "text": "r={{ params.opts.retries }}", "length": "{{ params.url.length }}", "mixed": "{{ params.opts.retries + input.x }}" } } } ],
                "edges": [] }
            }
            """);

        using var bare = await admin.PostJsonAsync($"/api/v1/templates/{templateId}/instantiate", """{"parameters":{"url":"u"}}""");
        using var full = await admin.PostJsonAsync($"/api/v1/templates/{templateId}/instantiate", """{"parameters":{"url":"https://a.example","opts":{"retries":3,"tags":["x","y"]}}}""");

        Assert.Equal(HttpStatusCode.Created, bare.StatusCode);
        var bareValues = (await bare.ReadJsonAsync()).GetProperty("nodes")[0].GetProperty("config").GetProperty("values");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bareValues.GetProperty("note").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bareValues.GetProperty("retries").ValueKind);
        Assert.Equal(HttpStatusCode.Created, full.StatusCode);
        var values = (await full.ReadJsonAsync()).GetProperty("nodes")[0].GetProperty("config").GetProperty("values");
        Assert.Equal(3, values.GetProperty("retries").GetInt32());
        Assert.Equal("x", values.GetProperty("firstTag").GetString());
        Assert.Equal("r=3", values.GetProperty("text").GetString());
        Assert.Equal("{{ \"https://a.example\".length }}", values.GetProperty("length").GetString());
        Assert.Equal("{{ 3 + input.x }}", values.GetProperty("mixed").GetString());
        Assert.Equal(2, await factory.UsageAsync(templateId));
    }

    [StoreFact]
    public async Task BadParameters_Are400_EveryOneNamed_AndWriteNothing()
    {
        using var admin = factory.AdminClient();
        var templateId = await admin.CreateTemplateAsync();

        using var response = await admin.PostJsonAsync($"/api/v1/templates/{templateId}/instantiate", """{"parameters":{"timeout":"soon","extra":1}}""");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "/parameters/who", "/parameters/timeout");
        Assert.Contains("extra", problem.GetProperty("errors").ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await factory.WorkflowsFromAsync(templateId));
        Assert.Equal(0, await factory.UsageAsync(templateId));
    }

    [StoreFact]
    public async Task ParametersThatMakeAnInvalidWorkflow_Are422_AndWriteNothing()
    {
        using var admin = factory.AdminClient();
        var templateId = await admin.CreateTemplateAsync();
        var workflows = await factory.CountAsync("SELECT count(*) FROM workflows");

        using var response = await admin.PostJsonAsync($"/api/v1/templates/{templateId}/instantiate", """{"parameters":{"who":"Ada","tool":"no.such.tool"}}""");

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "/definition/nodes/0/tool");
        Assert.Equal(workflows, await factory.CountAsync("SELECT count(*) FROM workflows"));
        Assert.Equal(0, await factory.UsageAsync(templateId));
    }

    [StoreFact]
    public async Task Publication_ListFilters_Sorts_AndPagination()
    {
        var (authorId, author) = await factory.CreateMemberAsync();
        var (_, other) = await factory.CreateMemberAsync();
        using (author)
        using (other)
        {
            var category = $"c{Guid.NewGuid():N}"[..20];
            var a = await author.CreateTemplateAsync(TemplateTestData.Template("Alpha report", category, "\"mail\""), publish: true);
            var b = await author.CreateTemplateAsync(TemplateTestData.Template("Beta draft", category, "\"mail\""));
            var c = await author.CreateTemplateAsync(TemplateTestData.Template("Gamma sync", category, "\"ops\""), publish: true);
            await other.PostJsonAsync($"/api/v1/templates/{c}/ratings", """{"stars":5,"comment":"great"}""");
            await other.PostJsonAsync($"/api/v1/templates/{a}/instantiate", """{"parameters":{"who":"x"}}""");

            async Task<List<string?>> Names(HttpClient client, string query)
            {
                using var response = await client.GetAsync($"/api/v1/templates?category={category}&{query}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString())];
            }

            // Newest first; templates made within one clock tick tie on createdAt and fall back to id, as the cursor does.
            using (var recent = await author.GetAsync($"/api/v1/templates?category={category}&sort=recency"))
            {
                var items = (await recent.ReadJsonAsync()).GetProperty("items").EnumerateArray()
                    .Select(t => (Name: t.GetProperty("name").GetString(), Created: t.GetProperty("createdAt").GetDateTimeOffset(), Id: t.GetProperty("id").GetString()!))
                    .ToList();
                Assert.Equal(["Alpha report", "Beta draft", "Gamma sync"], items.Select(i => i.Name).Order(StringComparer.Ordinal));
                Assert.Equal(
                    items.OrderByDescending(i => i.Created).ThenByDescending(i => i.Id, StringComparer.Ordinal).Select(i => i.Name),
                    items.Select(i => i.Name));
            }

            Assert.Equal(["Gamma sync", "Alpha report"], await Names(other, "sort=recency"));
            Assert.Equal(["Gamma sync", "Alpha report"], await Names(author, "published=true"));
            Assert.Equal(["Beta draft"], await Names(author, "published=false"));
            Assert.Equal(["Alpha report", "Beta draft"], (await Names(author, "tag=mail")).Order(StringComparer.Ordinal).ToList());
            Assert.Equal(["Beta draft"], await Names(author, "q=DRAFT"));
            Assert.Equal(["Gamma sync", "Alpha report"], await Names(other, "sort=rating"));
            Assert.Equal(["Alpha report", "Gamma sync"], await Names(other, "sort=usage"));
            Assert.Equal(3, (await Names(author, $"author={authorId}")).Count);
            Assert.Equal(3, (await Names(author, "author=me")).Count);
            Assert.Empty(await Names(other, "author=me"));

            using var first = await author.GetAsync($"/api/v1/templates?category={category}&limit=2");
            var page = await first.ReadJsonAsync();
            var cursor = page.GetProperty("nextCursor").GetString();
            using var rest = await author.GetAsync($"/api/v1/templates?category={category}&limit=2&cursor={System.Uri.EscapeDataString(cursor!)}");
            Assert.Equal(["Alpha report"], (await rest.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("name").GetString()));

            using var hidden = await other.GetAsync($"/api/v1/templates/{b}");
            await hidden.AssertProblemAsync(HttpStatusCode.NotFound);
            using var unpublished = await author.PostEmptyAsync($"/api/v1/templates/{a}/unpublish");
            Assert.False((await unpublished.ReadJsonAsync()).GetProperty("isPublished").GetBoolean());
            using var goneForOthers = await other.GetAsync($"/api/v1/templates/{a}");
            await goneForOthers.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [StoreFact]
    public async Task Ratings_OnePerUser_AuthorsCannotRateTheirOwn_AndStarsAreChecked()
    {
        var (_, author) = await factory.CreateMemberAsync();
        var (_, rater) = await factory.CreateMemberAsync();
        using (author)
        using (rater)
        {
            var id = await author.CreateTemplateAsync(publish: true);

            using var first = await rater.PostJsonAsync($"/api/v1/templates/{id}/ratings", """{"stars":5,"comment":"lovely"}""");
            using var second = await rater.PostJsonAsync($"/api/v1/templates/{id}/ratings", """{"stars":2}""");
            using var own = await author.PostJsonAsync($"/api/v1/templates/{id}/ratings", """{"stars":5}""");
            using var tooMany = await rater.PostJsonAsync($"/api/v1/templates/{id}/ratings", """{"stars":6}""");
            using var none = await rater.PostJsonAsync($"/api/v1/templates/{id}/ratings", """{"comment":"no stars"}""");

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var rated = await second.ReadJsonAsync();
            Assert.Equal((1, 2m), (rated.GetProperty("ratingCount").GetInt32(), rated.GetProperty("ratingAvg").GetDecimal()));
            await own.AssertProblemAsync(HttpStatusCode.BadRequest, "/stars");
            await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest, "/stars");
            await none.AssertProblemAsync(HttpStatusCode.BadRequest, "/stars");
            Assert.Equal(1, await factory.CountAsync("SELECT count(*) FROM template_ratings WHERE template_id = @id", new { id }));
        }
    }

    [StoreFact]
    public async Task FromWorkflowId_CopiesTheDefinition_AndNeedsEdit()
    {
        var (_, owner) = await factory.CreateMemberAsync();
        var (viewerId, viewer) = await factory.CreateMemberAsync();
        var (_, stranger) = await factory.CreateMemberAsync();
        using (owner)
        using (viewer)
        using (stranger)
        {
            var workflowId = await owner.CreateWorkflowAsync("Source flow");
            using var share = await owner.PostJsonAsync($"/api/v1/workflows/{workflowId}/shares", $$"""{"userId":"{{viewerId}}","permission":"view"}""");
            Assert.Equal(HttpStatusCode.Created, share.StatusCode);
            var body = $$"""{"name":"Copied","category":"demo","fromWorkflowId":"{{workflowId}}"}""";

            using var created = await owner.PostJsonAsync("/api/v1/templates", body);
            using var byViewer = await viewer.PostJsonAsync("/api/v1/templates", body);
            using var byStranger = await stranger.PostJsonAsync("/api/v1/templates", body);

            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("Source flow", (await created.ReadJsonAsync()).GetProperty("definition").GetProperty("name").GetString());
            await byViewer.AssertProblemAsync(HttpStatusCode.Forbidden);
            await byStranger.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [StoreFact]
    public async Task BadInput_AnswersProblemDetails_AndWritesNothing()
    {
        var (_, author) = await factory.CreateMemberAsync();
        var (_, other) = await factory.CreateMemberAsync();
        using var anonymous = factory.CreateClient();
        using (author)
        using (other)
        {
            var id = await author.CreateTemplateAsync();
            var templates = await factory.CountAsync("SELECT count(*) FROM workflow_templates");

            using var malformed = await author.PostJsonAsync("/api/v1/templates", "{\"name\": ");
            using var wrongType = await author.PostAsync(Uri("/api/v1/templates"), new StringContent(TemplateTestData.Template(), Encoding.UTF8, "text/plain"));
            using var oversized = await author.PostJsonAsync("/api/v1/templates", TemplateTestData.Template().Replace("greets someone", new string('x', 5000), StringComparison.Ordinal));
            using var unknownField = await author.PostJsonAsync("/api/v1/templates", """{"name":"x","category":"c","definition":{},"surprise":1}""");
            using var neither = await author.PostJsonAsync("/api/v1/templates", """{"name":"x","category":"c"}""");
            using var undeclared = await author.PostJsonAsync("/api/v1/templates", """{"name":"x","category":"c","parameters":{"type":"object"},"definition":{"name":"{{ params.nope }}"}}""");
            using var badSchema = await author.PostJsonAsync("/api/v1/templates", """{"name":"x","category":"c","parameters":{"type":"nonsense"},"definition":{}}""");
            using var unauthorised = await anonymous.PostJsonAsync("/api/v1/templates", TemplateTestData.Template());
            using var foreignGet = await other.GetAsync($"/api/v1/templates/{id}");
            using var foreignPut = await other.PutAsync(Uri($"/api/v1/templates/{id}"), JsonText(TemplateTestData.Template("Mine")));
            using var foreignDelete = await other.DeleteAsync($"/api/v1/templates/{id}");
            using var foreignPublish = await other.PostEmptyAsync($"/api/v1/templates/{id}/publish");
            using var foreignInstantiate = await other.PostJsonAsync($"/api/v1/templates/{id}/instantiate", """{"parameters":{"who":"x"}}""");
            using var foreignRate = await other.PostJsonAsync($"/api/v1/templates/{id}/ratings", """{"stars":3}""");
            using var missing = await author.PostJsonAsync($"/api/v1/templates/{Guid.NewGuid()}/instantiate", """{"parameters":{"who":"x"}}""");
            using var badList = await author.GetAsync("/api/v1/templates?sort=best&published=maybe&limit=1000&author=someone");
            using var badCursor = await author.GetAsync("/api/v1/templates?cursor=garbage");
            using var badInstantiate = await author.PostJsonAsync($"/api/v1/templates/{id}/instantiate", """{"parameters":[1,2]}""");
            using var malformedInstantiate = await author.PostJsonAsync($"/api/v1/templates/{id}/instantiate", "{\"parameters\":{");
            using var textInstantiate = await author.PostAsync(Uri($"/api/v1/templates/{id}/instantiate"), new StringContent("{}", Encoding.UTF8, "text/plain"));
            using var hugeInstantiate = await author.PostJsonAsync($"/api/v1/templates/{id}/instantiate", """{"parameters":{"who":"W"}}""".Replace("W", new string('w', 5000), StringComparison.Ordinal));
            using var malformedRating = await author.PostJsonAsync($"/api/v1/templates/{id}/ratings", "[");
            using var textRating = await author.PostAsync(Uri($"/api/v1/templates/{id}/ratings"), new StringContent("{\"stars\":3}", Encoding.UTF8, "text/plain"));
            using var unauthorisedInstantiate = await anonymous.PostJsonAsync($"/api/v1/templates/{id}/instantiate", "{}");

            await malformed.AssertProblemAsync(HttpStatusCode.BadRequest);
            await wrongType.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
            await oversized.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
            await unknownField.AssertProblemAsync(HttpStatusCode.BadRequest, "/surprise");
            await neither.AssertProblemAsync(HttpStatusCode.BadRequest, "");
            await undeclared.AssertProblemAsync(HttpStatusCode.BadRequest, "/definition/name");
            await badSchema.AssertProblemAsync(HttpStatusCode.BadRequest);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
            foreach (var response in new[] { foreignGet, foreignPut, foreignDelete, foreignPublish, foreignInstantiate, foreignRate, missing })
            {
                await response.AssertProblemAsync(HttpStatusCode.NotFound);
            }

            await badList.AssertProblemAsync(HttpStatusCode.BadRequest, "/sort", "/published", "/limit", "/author");
            await badCursor.AssertProblemAsync(HttpStatusCode.BadRequest);
            await badInstantiate.AssertProblemAsync(HttpStatusCode.BadRequest, "/parameters");
            await malformedInstantiate.AssertProblemAsync(HttpStatusCode.BadRequest);
            await textInstantiate.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
            await hugeInstantiate.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
            await malformedRating.AssertProblemAsync(HttpStatusCode.BadRequest);
            await textRating.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
            Assert.Equal(HttpStatusCode.Unauthorized, unauthorisedInstantiate.StatusCode);
            Assert.Equal(0, await factory.UsageAsync(id));
            Assert.Equal(0, await factory.CountAsync("SELECT count(*) FROM template_ratings WHERE template_id = @id", new { id }));
            Assert.Equal(templates, await factory.CountAsync("SELECT count(*) FROM workflow_templates"));
            Assert.Equal(0, await factory.WorkflowsFromAsync(id));
            using var still = await author.GetAsync($"/api/v1/templates/{id}");
            Assert.Equal("Greeter", (await still.ReadJsonAsync()).GetProperty("name").GetString());
        }
    }

    [StoreFact]
    public async Task AuthorsUpdateAndDelete_AdminsMayToo()
    {
        var (_, author) = await factory.CreateMemberAsync();
        using var admin = factory.AdminClient();
        using (author)
        {
            var id = await author.CreateTemplateAsync();
            using var updated = await author.PutAsync(Uri($"/api/v1/templates/{id}"), JsonText(TemplateTestData.Template("Renamed")));
            using var published = await admin.PostEmptyAsync($"/api/v1/templates/{id}/publish");
            using var deleted = await admin.DeleteAsync($"/api/v1/templates/{id}");
            using var gone = await author.GetAsync($"/api/v1/templates/{id}");

            Assert.Equal("Renamed", (await updated.ReadJsonAsync()).GetProperty("name").GetString());
            Assert.True((await published.ReadJsonAsync()).GetProperty("isPublished").GetBoolean());
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            await gone.AssertProblemAsync(HttpStatusCode.NotFound);
        }
    }
}

public sealed class SqliteTemplateEndpointTests(ToolflowFactory factory) : TemplateEndpointSuite(factory), IClassFixture<ToolflowFactory>;

public sealed class PostgresTemplateEndpointTests(PostgresToolflowFactory factory) : TemplateEndpointSuite(factory), IClassFixture<PostgresToolflowFactory>;
