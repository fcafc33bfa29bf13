using Toolflow.Storage.Database;
using Toolflow.Storage.Migrations;
using Toolflow.Storage.Tests.Support;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Views;

/// <summary>The views return exactly the right rows for one seeded data set, in a database of their own.</summary>
public abstract class ViewSuite(StoreFixture store) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 8, 0, 0, TimeSpan.Zero);

    private ToolflowDatabase? _db;
    private Data? _data;

    private ToolflowDatabase Db => _db!;

    public async Task InitializeAsync()
    {
        _db = ToolflowDatabase.Create(await store.CreateEmptyDatabaseAsync());
        await new Migrator(_db).MigrateAsync(CancellationToken.None);
        _data = await SeedAsync(_db);
    }

    public async Task DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }
    }

    [StoreFact]
    public async Task ActiveWorkflows_ReturnsExactlyTheActiveOnes()
    {
        var rows = await Db.QueryAsync("SELECT id, status FROM active_workflows");

        Assert.Equal(_data!.Active.Order(), rows.Select(r => SqlValues.AsGuid(r["id"])).Order());
        Assert.All(rows, r => Assert.Equal("active", r["status"]));
    }

    [StoreFact]
    public async Task PublicTemplates_ReturnsExactlyThePublishedOnesWithTheirAuthorName()
    {
        var rows = await Db.QueryAsync("SELECT id, author_name FROM public_templates");

        var byId = rows.ToDictionary(r => SqlValues.AsGuid(r["id"]), r => r["author_name"] as string);
        Assert.Equal(2, byId.Count);
        Assert.Equal("Ada", byId[_data!.PublishedByAda]);
        Assert.Null(byId[_data.PublishedWithoutAuthor]);
    }

    [StoreFact]
    public async Task WorkflowStats_ReturnsOneRowPerWorkflowWithOutcomesRateAndLiveRuns()
    {
        var rows = await Db.QueryAsync(
            "SELECT workflow_id, execution_count, success_count, failure_count, cancelled_count, success_rate, avg_duration_ms, live_execution_count FROM workflow_stats");

        Assert.Equal(_data!.All.Order(), rows.Select(r => SqlValues.AsGuid(r["workflow_id"])).Order());
        var busy = rows.Single(r => SqlValues.AsGuid(r["workflow_id"]) == _data.Busy);
        Assert.Equal(4, SqlValues.AsLong(busy["execution_count"]));
        Assert.Equal(2, SqlValues.AsLong(busy["success_count"]));
        Assert.Equal(1, SqlValues.AsLong(busy["failure_count"]));
        Assert.Equal(1, SqlValues.AsLong(busy["cancelled_count"]));
        Assert.Equal(0.5, SqlValues.AsDouble(busy["success_rate"])!.Value, 6);
        Assert.Equal(150.0, SqlValues.AsDouble(busy["avg_duration_ms"])!.Value, 6);
        Assert.Equal(2, SqlValues.AsLong(busy["live_execution_count"]));
        var cancelledOnce = rows.Single(r => SqlValues.AsGuid(r["workflow_id"]) == _data.CancelledOnce);
        Assert.Equal(1, SqlValues.AsLong(cancelledOnce["cancelled_count"]));
        Assert.Equal(0.0, SqlValues.AsDouble(cancelledOnce["success_rate"]));
        Assert.Null(cancelledOnce["avg_duration_ms"]);
        var idle = rows.Where(r => SqlValues.AsGuid(r["workflow_id"]) is var id && id != _data.Busy && id != _data.CancelledOnce).ToList();
        Assert.Equal(4, idle.Count);
        Assert.All(idle, r => Assert.Null(r["success_rate"]));
        Assert.All(idle, r => Assert.Equal(0, SqlValues.AsLong(r["live_execution_count"])));
    }

    private static async Task<Data> SeedAsync(ToolflowDatabase db)
    {
        var ada = await Seed.UserAsync(db, displayName: "Ada");
        var bob = await Seed.UserAsync(db, displayName: "Bob");
        var gone = await Seed.UserAsync(db, displayName: "Gone");
        var adaActive1 = await Seed.WorkflowAsync(db, ada, "active");
        var adaActive2 = await Seed.WorkflowAsync(db, ada, "active");
        var adaDraft = await Seed.WorkflowAsync(db, ada, "draft");
        var bobActive = await Seed.WorkflowAsync(db, bob, "active");
        var bobPaused = await Seed.WorkflowAsync(db, bob, "paused");
        var bobArchived = await Seed.WorkflowAsync(db, bob, "archived");

        var publishedByAda = await Seed.TemplateAsync(db, ada, published: true);
        await Seed.TemplateAsync(db, ada, published: false);
        var publishedWithoutAuthor = await Seed.TemplateAsync(db, gone, published: true);
        await Seed.TemplateAsync(db, bob, published: false);
        await db.ExecuteAsync("DELETE FROM users WHERE id = @gone", new { gone });

        await Seed.ExecutionAsync(db, adaActive1, "completed", T0, 100);
        await Seed.ExecutionAsync(db, adaActive1, "completed", T0.AddMinutes(1), 200);
        await Seed.ExecutionAsync(db, adaActive1, "failed", T0.AddMinutes(2));
        await Seed.ExecutionAsync(db, adaActive1, "cancelled", T0.AddMinutes(3));
        await Seed.ExecutionAsync(db, adaActive1, "running");
        await Seed.ExecutionAsync(db, adaActive1, "paused");
        await Seed.ExecutionAsync(db, bobActive, "queued");
        await db.ExecuteAsync("UPDATE workflow_executions SET status = 'cancelled', completed_at = @at WHERE workflow_id = @bobActive", new { at = T0, bobActive });

        return new Data(
            [adaActive1, adaActive2, bobActive],
            [adaActive1, adaActive2, adaDraft, bobActive, bobPaused, bobArchived],
            adaActive1,
            bobActive,
            publishedByAda,
            publishedWithoutAuthor);
    }

    private sealed record Data(Guid[] Active, Guid[] All, Guid Busy, Guid CancelledOnce, Guid PublishedByAda, Guid PublishedWithoutAuthor);
}

public sealed class SqliteViewTests(SqliteStoreFixture store) : ViewSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresViewTests(PostgresStoreFixture store) : ViewSuite(store), IClassFixture<PostgresStoreFixture>;
