using System.Text.Json.Nodes;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Templates;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Templates;

public abstract class TemplateRepositorySuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    private static TemplateInput Input(string name, string category = "general", IReadOnlyList<string>? tags = null, string? description = null) =>
        new(name, new JsonObject { ["name"] = "{{ params.title }}", ["nodes"] = new JsonArray(), ["edges"] = new JsonArray() })
        {
            Category = category,
            Tags = tags ?? [],
            Description = description,
            Parameters = new JsonObject { ["type"] = "object" },
        };

    [StoreFact]
    public async Task AnUnpublishedTemplate_IsSeenByItsAuthorAndAdmins_PublishingShowsItToEveryone()
    {
        var author = await _h.MemberAsync();
        var reader = await _h.MemberAsync();
        var template = await _h.Templates.CreateAsync(author, Input("Digest"));

        Assert.NotNull(await _h.Templates.GetAsync(author, template.Id));
        Assert.NotNull(await _h.Templates.GetAsync(await _h.AdminAsync(), template.Id));
        Assert.Null(await _h.Templates.GetAsync(reader, template.Id));

        var published = await _h.Templates.PublishAsync(author, template.Id);
        Assert.True(published.IsPublished);
        Assert.NotNull(published.PublishedAt);
        Assert.Equal("{{ params.title }}", (await _h.Templates.GetAsync(reader, template.Id))?.Definition["name"]?.GetValue<string>());

        await Assert.ThrowsAsync<NotFoundException>(() => _h.Templates.UnpublishAsync(reader, template.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Templates.UpdateAsync(reader, template.Id, Input("Mine now")));
        Assert.False(await _h.Templates.DeleteAsync(reader, template.Id));
        var unpublished = await _h.Templates.UnpublishAsync(author, template.Id);
        Assert.False(unpublished.IsPublished);
        Assert.Null(await _h.Templates.GetAsync(reader, template.Id));
        Assert.Equal("Renamed", (await _h.Templates.UpdateAsync(author, template.Id, Input("Renamed"))).Name);
        Assert.True(await _h.Templates.DeleteAsync(author, template.Id));
    }

    [StoreFact]
    public async Task FiftyParallelUsageIncrements_AddFifty()
    {
        var author = await _h.MemberAsync();
        var template = await _h.Templates.CreateAsync(author, Input("Popular"));

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _h.Templates.IncrementUsageAsync(template.Id)));

        Assert.Equal(50, (await _h.Templates.GetAsync(author, template.Id))?.UsageCount);
        Assert.Null(await _h.Templates.IncrementUsageAsync(Guid.NewGuid()));
    }

    [StoreFact]
    public async Task TwentyParallelRatings_GiveTheExactAverageAndCount()
    {
        var author = await _h.MemberAsync();
        var template = await _h.Templates.PublishAsync(author, (await _h.Templates.CreateAsync(author, Input("Rated"))).Id);
        var raters = new List<Caller>();
        for (var i = 0; i < 20; i++)
        {
            raters.Add(await _h.MemberAsync());
        }

        await Task.WhenAll(raters.Select((rater, i) => _h.Templates.RateAsync(rater, template.Id, (i % 5) + 1)));

        var rated = await _h.Templates.GetAsync(author, template.Id);
        Assert.Equal(20, rated?.RatingCount);
        Assert.Equal(3.0, rated!.RatingAvg!.Value, 9);
    }

    [StoreFact]
    public async Task ASecondRating_ReplacesTheFirst_AuthorsCannotRate_AndBadStarsWriteNothing()
    {
        var author = await _h.MemberAsync();
        var rater = await _h.MemberAsync();
        var template = await _h.Templates.PublishAsync(author, (await _h.Templates.CreateAsync(author, Input("Once"))).Id);

        await _h.Templates.RateAsync(rater, template.Id, 5, "great");
        var again = await _h.Templates.RateAsync(rater, template.Id, 2);
        Assert.Equal((1, 2.0), (again.RatingCount, again.RatingAvg));

        var before = await _h.CountAsync("template_ratings");
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Templates.RateAsync(author, template.Id, 5));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Templates.RateAsync(rater, template.Id, 0));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Templates.RateAsync(rater, template.Id, 6));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Templates.RateAsync(rater, Guid.NewGuid(), 3));
        Assert.Equal(before, await _h.CountAsync("template_ratings"));
    }

    [StoreFact]
    public async Task BadInput_IsAValidationErrorAndWritesNothing()
    {
        var author = await _h.MemberAsync();
        var before = await _h.CountAsync("workflow_templates");

        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Templates.CreateAsync(author, Input(new string('t', 201))));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Templates.CreateAsync(author, Input("ok", category: "")));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Templates.CreateAsync(author, Input("ok", tags: [new string('x', 100)])));

        Assert.Equal(before, await _h.CountAsync("workflow_templates"));
    }

    [StoreFact]
    public async Task List_FiltersByCategoryTagTextPublishedAndAuthor()
    {
        var author = await _h.MemberAsync();
        var other = await _h.MemberAsync();
        var category = $"cat-{Guid.NewGuid():N}";
        var a = await _h.Templates.PublishAsync(author, (await _h.Templates.CreateAsync(author, Input("Alpha digest", category, ["mail"]))).Id);
        await _h.Templates.CreateAsync(author, Input("Beta draft", category, ["mail", "ops"], "a DIGEST too"));
        await _h.Templates.PublishAsync(other, (await _h.Templates.CreateAsync(other, Input("Gamma", category, ["ops"]))).Id);
        await _h.Templates.CreateAsync(other, Input("Hidden", category));
        var query = new TemplateListQuery { Category = category };

        async Task<List<string>> Names(Caller caller, TemplateListQuery q) =>
            (await _h.Templates.ListAsync(caller, q)).Items.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["Alpha digest", "Beta draft", "Gamma"], await Names(author, query));
        Assert.Equal(["Alpha digest", "Gamma"], await Names(await _h.MemberAsync(), query));
        Assert.Equal(["Alpha digest", "Beta draft"], await Names(author, query with { Tag = "mail" }));
        Assert.Equal(["Alpha digest", "Beta draft"], await Names(author, query with { Query = "digest" }));
        Assert.Equal(["Beta draft"], await Names(author, query with { Published = false }));
        Assert.Equal(["Gamma"], await Names(author, query with { AuthorId = other.UserId }));
        Assert.Equal(a.Id, (await _h.Templates.ListAsync(author, query with { Published = true, Sort = TemplateSort.Recency })).Items[^1].Id);
    }

    [StoreTheory]
    [InlineData(TemplateSort.Rating)]
    [InlineData(TemplateSort.Usage)]
    [InlineData(TemplateSort.Recency)]
    public async Task List_SortsBestFirst_AndPagesInTheSameOrder(TemplateSort sort)
    {
        var author = await _h.MemberAsync();
        var category = $"sort-{Guid.NewGuid():N}";
        for (var i = 0; i < 7; i++)
        {
            var template = await _h.Templates.PublishAsync(author, (await _h.Templates.CreateAsync(author, Input($"t{i}", category))).Id);
            for (var u = 0; u < i % 4; u++)
            {
                await _h.Templates.IncrementUsageAsync(template.Id);
            }

            if (i % 3 != 0)
            {
                await _h.Templates.RateAsync(await _h.MemberAsync(), template.Id, (i % 5) + 1);
            }
        }

        var query = new TemplateListQuery { Category = category, Sort = sort };
        var whole = (await _h.Templates.ListAsync(author, query)).Items;
        var paged = new List<TemplateRecord>();
        string? cursor = null;
        do
        {
            var page = await _h.Templates.ListAsync(author, query with { Limit = 2, Cursor = cursor });
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(7, whole.Count);
        Assert.Equal(whole.Select(t => t.Id), paged.Select(t => t.Id));
        var keys = whole.Select(t => sort switch
        {
            TemplateSort.Rating => t.RatingAvg ?? 0,
            TemplateSort.Usage => t.UsageCount,
            _ => t.CreatedAt.ToUnixTimeMilliseconds(),
        }).ToList();
        Assert.Equal(keys.OrderDescending(), keys);
    }
}

public sealed class SqliteTemplateRepositoryTests(SqliteStoreFixture store) : TemplateRepositorySuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresTemplateRepositoryTests(PostgresStoreFixture store) : TemplateRepositorySuite(store), IClassFixture<PostgresStoreFixture>;
