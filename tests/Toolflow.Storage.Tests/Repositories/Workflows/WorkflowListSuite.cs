using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Workflows;

public abstract class WorkflowListSuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    private async Task<List<string>> NamesAsync(Caller caller, WorkflowListQuery query) =>
        (await _h.Workflows.ListAsync(caller, query)).Items.Select(w => w.Name).ToList();

    [StoreFact]
    public async Task List_FiltersByStatusTriggerAndText_CaseInsensitively()
    {
        var owner = await _h.MemberAsync();
        await _h.WorkflowAsync(owner, "Morning Digest", status: WorkflowStatus.Active, trigger: TriggerType.Schedule);
        await _h.WorkflowAsync(owner, "Invoices", status: WorkflowStatus.Paused, description: "Monthly DIGEST of bills");
        await _h.WorkflowAsync(owner, "Hook 100%_done", trigger: TriggerType.Webhook);
        var me = new WorkflowListQuery { Owner = OwnerScope.Me, Sort = WorkflowSort.Name, Direction = SortDirection.Ascending };

        Assert.Equal(["Morning Digest"], await NamesAsync(owner, me with { Statuses = [WorkflowStatus.Active] }));
        Assert.Equal(["Invoices", "Morning Digest"], await NamesAsync(owner, me with { Statuses = [WorkflowStatus.Active, WorkflowStatus.Paused] }));
        Assert.Equal(["Hook 100%_done"], await NamesAsync(owner, me with { TriggerType = TriggerType.Webhook }));
        Assert.Equal(["Invoices", "Morning Digest"], await NamesAsync(owner, me with { Query = "digest" }));
        Assert.Equal(["Hook 100%_done"], await NamesAsync(owner, me with { Query = "0%_D" }));
        Assert.Empty(await NamesAsync(owner, me with { Query = "%" + "x" }));
    }

    [StoreFact]
    public async Task List_FiltersTagsByAnyOrAll()
    {
        var owner = await _h.MemberAsync();
        await _h.WorkflowAsync(owner, "a", ["red", "blue"]);
        await _h.WorkflowAsync(owner, "b", ["red"]);
        await _h.WorkflowAsync(owner, "c", ["green"]);
        var me = new WorkflowListQuery { Owner = OwnerScope.Me, Sort = WorkflowSort.Name, Direction = SortDirection.Ascending };

        Assert.Equal(["a", "b"], await NamesAsync(owner, me with { Tags = ["red"] }));
        Assert.Equal(["a", "c"], await NamesAsync(owner, me with { Tags = ["blue", "green"] }));
        Assert.Equal(["a"], await NamesAsync(owner, me with { Tags = ["red", "blue"], TagMatch = TagMatch.All }));
        Assert.Empty(await NamesAsync(owner, me with { Tags = ["red", "green"], TagMatch = TagMatch.All }));
    }

    [StoreFact]
    public async Task List_ByOwnerScope_SeparatesMineFromSharedAndAdminsSeeAll()
    {
        var alice = await _h.MemberAsync();
        var bob = await _h.MemberAsync();
        var mine = await _h.WorkflowAsync(alice, "mine");
        var shared = await _h.WorkflowAsync(bob, "shared");
        var hidden = await _h.WorkflowAsync(bob, "hidden");
        await _h.ShareAsync(shared.Id, alice.UserId, "view");
        var all = new WorkflowListQuery { Sort = WorkflowSort.Name, Direction = SortDirection.Ascending, Limit = 100 };

        Assert.Equal(["mine"], await NamesAsync(alice, all with { Owner = OwnerScope.Me }));
        Assert.Equal(["shared"], await NamesAsync(alice, all with { Owner = OwnerScope.Shared }));
        Assert.Equal(["mine", "shared"], await NamesAsync(alice, all));
        var viaShare = (await _h.Workflows.ListAsync(alice, all with { Owner = OwnerScope.Shared })).Items.Single();
        Assert.Equal(SharePermission.View, viaShare.Permission);

        var admin = await _h.AdminAsync();
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await _h.Workflows.ListAsync(admin, all with { Cursor = cursor });
            ids.AddRange(page.Items.Select(w => w.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Contains(hidden.Id, ids);
        Assert.Contains(mine.Id, ids);
    }

    [StoreFact]
    public async Task List_FiltersCreatedAndUpdatedRanges_AsHalfOpenIntervals()
    {
        var owner = await _h.MemberAsync();
        var first = await _h.WorkflowAsync(owner, "first");
        var second = await _h.WorkflowAsync(owner, "second");
        var third = await _h.WorkflowAsync(owner, "third");
        var me = new WorkflowListQuery { Owner = OwnerScope.Me, Sort = WorkflowSort.CreatedAt, Direction = SortDirection.Ascending };

        Assert.Equal(["second", "third"], await NamesAsync(owner, me with { CreatedFrom = second.CreatedAt }));
        Assert.Equal(["first", "second"], await NamesAsync(owner, me with { CreatedTo = third.CreatedAt }));
        await _h.Workflows.SetStatusAsync(owner, first.Id, WorkflowStatus.Active);
        Assert.Equal(["first"], await NamesAsync(owner, me with { UpdatedFrom = third.UpdatedAt.AddMilliseconds(1) }));
        Assert.Equal(["second", "third"], await NamesAsync(owner, me with { UpdatedTo = third.UpdatedAt.AddMilliseconds(1), UpdatedFrom = second.UpdatedAt }));
    }

    [StoreTheory]
    [InlineData(WorkflowSort.Name, SortDirection.Ascending)]
    [InlineData(WorkflowSort.Name, SortDirection.Descending)]
    [InlineData(WorkflowSort.CreatedAt, SortDirection.Ascending)]
    [InlineData(WorkflowSort.CreatedAt, SortDirection.Descending)]
    [InlineData(WorkflowSort.UpdatedAt, SortDirection.Descending)]
    [InlineData(WorkflowSort.UpdatedAt, SortDirection.Ascending)]
    [InlineData(WorkflowSort.ExecutionCount, SortDirection.Descending)]
    [InlineData(WorkflowSort.ExecutionCount, SortDirection.Ascending)]
    public async Task List_SortsAndPagesInSmallPages_InTheSameOrderAsOneBigPage(WorkflowSort sort, SortDirection direction)
    {
        var owner = await _h.MemberAsync();
        string[] names = ["delta", "Alpha", "charlie", "bravo", "Echo", "alpha", "delta"];
        for (var i = 0; i < names.Length; i++)
        {
            var workflow = await _h.WorkflowAsync(owner, names[i]);
            await _h.Database.ExecuteAsync("UPDATE workflows SET execution_count = @n WHERE id = @id", new { n = (long)(i % 3), id = workflow.Id });
        }

        var query = new WorkflowListQuery { Owner = OwnerScope.Me, Sort = sort, Direction = direction };
        var whole = (await _h.Workflows.ListAsync(owner, query with { Limit = 100 })).Items;
        var paged = new List<WorkflowRecord>();
        string? cursor = null;
        do
        {
            var page = await _h.Workflows.ListAsync(owner, query with { Limit = 2, Cursor = cursor });
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(whole.Select(w => w.Id), paged.Select(w => w.Id));
        Assert.Equal(names.Length, whole.Count);
        var keys = whole.Select(w => sort switch
        {
            WorkflowSort.Name => (object)w.Name.ToLowerInvariant(),
            WorkflowSort.CreatedAt => w.CreatedAt,
            WorkflowSort.ExecutionCount => w.ExecutionCount,
            _ => w.UpdatedAt,
        }).ToList();
        var sorted = direction == SortDirection.Ascending
            ? keys.Order(Comparer<object>.Create((a, b) => a is string x ? string.CompareOrdinal(x, (string)b) : ((IComparable)a).CompareTo(b))).ToList()
            : keys.Order(Comparer<object>.Create((a, b) => a is string x ? string.CompareOrdinal((string)b, x) : ((IComparable)b).CompareTo(a))).ToList();
        Assert.Equal(sorted, keys);
    }

    [StoreFact]
    public async Task List_WithABadLimitOrAForeignCursor_IsAValidationError()
    {
        var owner = await _h.MemberAsync();
        await _h.WorkflowAsync(owner);
        await _h.WorkflowAsync(owner);
        var page = await _h.Workflows.ListAsync(owner, new WorkflowListQuery { Owner = OwnerScope.Me, Limit = 1 });
        Assert.NotNull(page.NextCursor);

        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Workflows.ListAsync(owner, new WorkflowListQuery { Limit = 101 }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Workflows.ListAsync(owner, new WorkflowListQuery { Limit = 0 }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Workflows.ListAsync(owner, new WorkflowListQuery { Cursor = "garbage!" }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Workflows.ListAsync(owner, new WorkflowListQuery { Sort = WorkflowSort.Name, Cursor = page.NextCursor }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Workflows.ListAsync(owner, new WorkflowListQuery { Sort = (WorkflowSort)77 }));
    }

    [StoreFact]
    public async Task Paging_Through1000Workflows_WhileOthersAreInserted_YieldsEachOldRowExactlyOnce()
    {
        var owner = await _h.MemberAsync();
        var old = new HashSet<Guid>();
        foreach (var chunk in Enumerable.Range(0, 1000).Chunk(50))
        {
            var made = await Task.WhenAll(chunk.Select(i => _h.WorkflowAsync(owner, $"wf {i:D4}")));
            old.UnionWith(made.Select(w => w.Id));
        }

        foreach (var sort in new[] { WorkflowSort.UpdatedAt, WorkflowSort.Name })
        {
            var seen = new List<Guid>();
            string? cursor = null;
            var inserted = 0;
            do
            {
                var page = await _h.Workflows.ListAsync(owner, new WorkflowListQuery { Owner = OwnerScope.Me, Sort = sort, Limit = 100, Cursor = cursor });
                seen.AddRange(page.Items.Select(w => w.Id));
                cursor = page.NextCursor;
                // Insert between pages, at both ends of the name order.
                await Task.WhenAll(_h.WorkflowAsync(owner, $"aaa new {inserted}"), _h.WorkflowAsync(owner, $"zzz new {inserted}"));
                inserted++;
            }
            while (cursor is not null);

            var seenOld = seen.Where(old.Contains).ToList();
            Assert.Equal(1000, seenOld.Count);
            Assert.Equal(1000, seenOld.Distinct().Count());
            Assert.Equal(seen.Count, seen.Distinct().Count());
        }
    }
}

public sealed class SqliteWorkflowListTests(SqliteStoreFixture store) : WorkflowListSuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresWorkflowListTests(PostgresStoreFixture store) : WorkflowListSuite(store), IClassFixture<PostgresStoreFixture>;
