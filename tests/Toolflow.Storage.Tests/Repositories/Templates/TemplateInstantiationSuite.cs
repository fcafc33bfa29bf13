using System.Text.Json.Nodes;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Templates;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Templates;

/// <summary>InstantiateAsync: workflow + version + template link + usage_count + 1, all or nothing.</summary>
public abstract class TemplateInstantiationSuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    private Task<TemplateRecord> TemplateAsync(Caller author) =>
        _h.Templates.CreateAsync(author, new TemplateInput("Tpl", new JsonObject { ["name"] = "{{ params.title }}" }) { Parameters = new JsonObject { ["type"] = "object" } });

    [StoreFact]
    public async Task Instantiating_WritesWorkflowVersionLinkAndUsage_InOneGo()
    {
        var author = await _h.MemberAsync();
        var user = await _h.MemberAsync();
        var template = await _h.Templates.PublishAsync(author, (await TemplateAsync(author)).Id);

        var created = await _h.Templates.InstantiateAsync(user, template.Id, new NewWorkflow(Definitions.Simple("From template")));

        Assert.Equal(template.Id, created.TemplateId);
        Assert.Equal(user.UserId, created.OwnerId);
        Assert.Equal(1, created.Version);
        Assert.Single((await _h.Workflows.ListVersionsAsync(user, created.Id))!);
        Assert.Equal(1, (await _h.Templates.GetAsync(author, template.Id))!.UsageCount);
    }

    [StoreFact]
    public async Task ATemplateTheCallerCannotUse_RollsTheWorkflowBack_AndCountsNothing()
    {
        var author = await _h.MemberAsync();
        var stranger = await _h.MemberAsync();
        var unpublished = await TemplateAsync(author);
        var workflows = await _h.CountAsync("workflows");
        var versions = await _h.CountAsync("workflow_versions");

        // The workflow insert runs first inside the transaction; the refused usage bump must undo it.
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Templates.InstantiateAsync(stranger, unpublished.Id, new NewWorkflow(Definitions.Simple("Nope"))));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Templates.InstantiateAsync(stranger, Guid.NewGuid(), new NewWorkflow(Definitions.Simple("Nope"))));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Templates.InstantiateAsync(author, unpublished.Id, new NewWorkflow(Definitions.Simple(new string('n', 300)))));

        Assert.Equal(workflows, await _h.CountAsync("workflows"));
        Assert.Equal(versions, await _h.CountAsync("workflow_versions"));
        Assert.Equal(0, (await _h.Templates.GetAsync(author, unpublished.Id))!.UsageCount);
    }

    [StoreFact]
    public async Task TwentyParallelInstantiations_CountTwenty()
    {
        var author = await _h.MemberAsync();
        var template = await _h.Templates.PublishAsync(author, (await TemplateAsync(author)).Id);
        var users = new List<Caller>();
        for (var i = 0; i < 20; i++)
        {
            users.Add(await _h.MemberAsync());
        }

        await Task.WhenAll(users.Select(u => _h.Templates.InstantiateAsync(u, template.Id, new NewWorkflow(Definitions.Simple("Parallel")))));

        Assert.Equal(20, (await _h.Templates.GetAsync(author, template.Id))!.UsageCount);
    }
}

public sealed class SqliteTemplateInstantiationTests(SqliteStoreFixture store) : TemplateInstantiationSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresTemplateInstantiationTests(PostgresStoreFixture store) : TemplateInstantiationSuite(store), IClassFixture<PostgresStoreFixture>;
