using Toolflow.Storage.Database;
using Toolflow.Storage.Tests.Support;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Triggers;

/// <summary>workflow_templates.rating_avg and rating_count follow the template's ratings exactly.</summary>
public abstract class TemplateRatingsSuite(StoreFixture store)
{
    private ToolflowDatabase Db => store.Database;

    [StoreFact]
    public async Task Ratings_AddedChangedAndRemoved_KeepTheTemplateAverageAndCountExact()
    {
        var author = await Seed.UserAsync(Db);
        var template = await Seed.TemplateAsync(Db, author, published: true);
        var first = await RateAsync(template, await Seed.UserAsync(Db), 5);
        await RateAsync(template, await Seed.UserAsync(Db), 2);
        Assert.Equal((2L, 3.5), await RatingAsync(template));

        await Db.ExecuteAsync("UPDATE template_ratings SET stars = 3 WHERE id = @first", new { first });
        Assert.Equal((2L, 2.5), await RatingAsync(template));

        await Db.ExecuteAsync("DELETE FROM template_ratings WHERE id = @first", new { first });
        Assert.Equal((1L, 2.0), await RatingAsync(template));
    }

    private async Task<Guid> RateAsync(Guid template, Guid user, int stars)
    {
        var id = Guid.NewGuid();
        await Db.ExecuteAsync(
            "INSERT INTO template_ratings (id, template_id, user_id, stars) VALUES (@id, @template, @user, @stars)",
            new { id, template, user, stars });
        return id;
    }

    private async Task<(long Count, double? Average)> RatingAsync(Guid template)
    {
        var row = (await Db.QueryAsync("SELECT rating_count, rating_avg FROM workflow_templates WHERE id = @template", new { template })).Single();
        return (SqlValues.AsLong(row["rating_count"]), SqlValues.AsDouble(row["rating_avg"]));
    }
}

public sealed class SqliteTemplateRatingsTests(SqliteStoreFixture store) : TemplateRatingsSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresTemplateRatingsTests(PostgresStoreFixture store) : TemplateRatingsSuite(store), IClassFixture<PostgresStoreFixture>;
