using Toolflow.Core.Complexity;
using Toolflow.Core.Definitions;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Workflows;

public abstract class WorkflowRepositorySuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    [StoreFact]
    public async Task Create_StoresVersionOne_ComplexityAndEstimates()
    {
        var owner = await _h.MemberAsync();
        var definition = Definitions.Simple("Digest", ["news", "daily"]);

        var created = await _h.Workflows.CreateAsync(owner, new NewWorkflow(definition) { Status = WorkflowStatus.Active });

        Assert.Equal(1, created.Version);
        Assert.Equal(WorkflowStatus.Active, created.Status);
        Assert.Equal(owner.UserId, created.OwnerId);
        Assert.Equal(["news", "daily"], created.Tags);
        Assert.Equal(SharePermission.Admin, created.Permission);
        Assert.Equal(WorkflowComplexity.Compute(definition), created.ComplexityScore);
        Assert.Equal(500 + 10 + 3000, created.EstimatedDurationMs);
        Assert.Equal(0.002m, created.EstimatedCostUsd);
        var version = Assert.Single((await _h.Workflows.ListVersionsAsync(owner, created.Id))!);
        Assert.Equal(1, version.Version);
        Assert.Equal("Digest", version.Definition.Name);
        Assert.Equal(owner.UserId, version.CreatedBy);
    }

    [StoreFact]
    public async Task Create_WebhookTrigger_GetsAServerGeneratedHookId_FindableByHookId()
    {
        var owner = await _h.MemberAsync();
        var definition = Definitions.Simple(trigger: TriggerType.Webhook) with
        {
            Trigger = new TriggerDefinition { Type = TriggerType.Webhook, HookId = "chosen-by-client" },
        };

        var created = await _h.Workflows.CreateAsync(owner, new NewWorkflow(definition));

        Assert.NotNull(created.HookId);
        Assert.NotEqual("chosen-by-client", created.HookId);
        Assert.Equal(created.HookId, created.Definition.Trigger!.HookId);
        Assert.Equal(created.Id, (await _h.Workflows.FindByHookIdAsync(created.HookId))?.Id);

        var updated = await _h.Workflows.UpdateAsync(owner, created.Id, new WorkflowUpdate(1) { Definition = definition with { Description = "changed" } });
        Assert.Equal(created.HookId, updated.HookId);

        var manual = await _h.Workflows.UpdateAsync(owner, created.Id, new WorkflowUpdate(2) { Definition = Definitions.Simple() });
        Assert.Null(manual.HookId);
        Assert.Null(await _h.Workflows.FindByHookIdAsync(created.HookId));
    }

    [StoreFact]
    public async Task Create_WithBadInput_IsATypedErrorAndWritesNothing()
    {
        var owner = await _h.MemberAsync();
        var other = await _h.MemberAsync();
        var privateTemplate = await Support.Seed.TemplateAsync(_h.Database, other.UserId, published: false);
        var before = (await _h.CountAsync("workflows"), await _h.CountAsync("workflow_versions"));

        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Workflows.CreateAsync(owner, new NewWorkflow(Definitions.Simple(new string('n', 201)))));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Workflows.CreateAsync(owner, new NewWorkflow(Definitions.Simple()) { Status = (WorkflowStatus)9 }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Workflows.CreateAsync(owner, new NewWorkflow(Definitions.Simple()) { Status = WorkflowStatus.Archived }));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Workflows.CreateAsync(owner, new NewWorkflow(Definitions.Simple(tags: [new string('t', 65)]))));
        var foreign = await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Workflows.CreateAsync(owner, new NewWorkflow(Definitions.Simple()) { TemplateId = privateTemplate }));
        Assert.Contains("/templateId", foreign.Errors.Keys);

        Assert.Equal(before, (await _h.CountAsync("workflows"), await _h.CountAsync("workflow_versions")));
    }

    [StoreFact]
    public async Task Get_ReturnsTheWorkflowToOwnerShareAndAdmin_WithTheirPermission_AndNullToAnyoneElse()
    {
        var owner = await _h.MemberAsync();
        var viewer = await _h.MemberAsync();
        var stranger = await _h.MemberAsync();
        var expired = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        await _h.ShareAsync(workflow.Id, viewer.UserId, "execute");
        await _h.ShareAsync(workflow.Id, expired.UserId, "edit", _h.Clock.GetUtcNow().AddMinutes(-1));

        Assert.Equal(SharePermission.Admin, (await _h.Workflows.GetAsync(owner, workflow.Id))?.Permission);
        Assert.Equal(SharePermission.Execute, (await _h.Workflows.GetAsync(viewer, workflow.Id))?.Permission);
        Assert.Equal(SharePermission.Admin, (await _h.Workflows.GetAsync(await _h.AdminAsync(), workflow.Id))?.Permission);
        Assert.Null(await _h.Workflows.GetAsync(stranger, workflow.Id));
        Assert.Null(await _h.Workflows.GetAsync(expired, workflow.Id));
        Assert.Null(await _h.Workflows.GetAsync(owner, Guid.NewGuid()));
    }

    [StoreFact]
    public async Task Get_AfterTheShareIsRevoked_ReturnsNull()
    {
        var owner = await _h.MemberAsync();
        var friend = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        await _h.ShareAsync(workflow.Id, friend.UserId, "view");
        Assert.NotNull(await _h.Workflows.GetAsync(friend, workflow.Id));

        await _h.Database.ExecuteAsync("UPDATE workflow_shares SET revoked_at = @now WHERE workflow_id = @id", new { now = DateTimeOffset.UtcNow, id = workflow.Id });

        Assert.Null(await _h.Workflows.GetAsync(friend, workflow.Id));
    }

    [StoreFact]
    public async Task Update_WithAChangedDefinition_AddsAVersion_AndAStatusOnlyEditDoesNot()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner, "Before");

        var renamed = await _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(1) { Definition = Definitions.Simple("After", ["x"]) });
        Assert.Equal(2, renamed.Version);
        Assert.Equal("After", renamed.Name);
        Assert.Equal(["x"], renamed.Tags);

        var activated = await _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(2) { Status = WorkflowStatus.Active });
        Assert.Equal(2, activated.Version);
        Assert.Equal(WorkflowStatus.Active, activated.Status);

        var same = await _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(2) { Definition = Definitions.Simple("After", ["x"]) });
        Assert.Equal(2, same.Version);

        var versions = (await _h.Workflows.ListVersionsAsync(owner, workflow.Id))!;
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal("Before", (await _h.Workflows.GetVersionAsync(owner, workflow.Id, 1))?.Definition.Name);
        Assert.Null(await _h.Workflows.GetVersionAsync(owner, workflow.Id, 3));
    }

    [StoreFact]
    public async Task LoadVersionForExecution_ReadsAnyVersion_WithoutACaller()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner, "First");
        await _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(1) { Definition = Definitions.Simple("Second") });

        Assert.Equal("First", (await _h.Workflows.LoadVersionForExecutionAsync(workflow.Id, 1))?.Definition.Name);
        Assert.Equal("Second", (await _h.Workflows.LoadVersionForExecutionAsync(workflow.Id, 2))?.Definition.Name);
        Assert.Null(await _h.Workflows.LoadVersionForExecutionAsync(workflow.Id, 3));
    }

    [StoreFact]
    public async Task Update_FromAStaleVersion_IsAVersionConflictAndChangesNothing()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner, "One");
        await _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(1) { Definition = Definitions.Simple("Two") });

        var error = await Assert.ThrowsAsync<VersionConflictException>(
            () => _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(1) { Definition = Definitions.Simple("Stale") }));

        Assert.Equal(2, error.CurrentVersion);
        Assert.Equal("Two", (await _h.Workflows.GetAsync(owner, workflow.Id))?.Name);
        Assert.Equal(2, (await _h.Workflows.ListVersionsAsync(owner, workflow.Id))!.Count);
    }

    [StoreFact]
    public async Task TwoUpdates_FromTheSameVersion_OneWinsAndTheOtherGetsTheConflict_NothingLost()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner, "Base");

        async Task<(string Name, int Version)> TryAsync(string name)
        {
            try
            {
                return (name, (await _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(1) { Definition = Definitions.Simple(name) })).Version);
            }
            catch (VersionConflictException)
            {
                return (name, 0);
            }
        }

        var attempts = await Task.WhenAll(TryAsync("Left"), TryAsync("Right"));

        var winner = Assert.Single(attempts, a => a.Version == 2);
        Assert.Single(attempts, a => a.Version == 0);
        var current = await _h.Workflows.GetAsync(owner, workflow.Id);
        Assert.Equal(winner.Name, current?.Name);
        Assert.Equal([2, 1], (await _h.Workflows.ListVersionsAsync(owner, workflow.Id))!.Select(v => v.Version));
        Assert.Equal(winner.Name, (await _h.Workflows.GetVersionAsync(owner, workflow.Id, 2))?.Definition.Name);
    }

    [StoreFact]
    public async Task Update_ByAViewer_IsInsufficientPermission_ByAnEditor_Succeeds_ByAStranger_NotFound()
    {
        var owner = await _h.MemberAsync();
        var viewer = await _h.MemberAsync();
        var editor = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner);
        await _h.ShareAsync(workflow.Id, viewer.UserId, "view");
        await _h.ShareAsync(workflow.Id, editor.UserId, "edit");
        var change = new WorkflowUpdate(1) { Definition = Definitions.Simple("Edited") };

        await Assert.ThrowsAsync<InsufficientPermissionException>(() => _h.Workflows.UpdateAsync(viewer, workflow.Id, change));
        var stranger = await _h.MemberAsync();
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Workflows.UpdateAsync(stranger, workflow.Id, change));
        Assert.Equal(2, (await _h.Workflows.UpdateAsync(editor, workflow.Id, change)).Version);
        await Assert.ThrowsAsync<InsufficientPermissionException>(() => _h.Workflows.ArchiveAsync(editor, workflow.Id));
    }

    [StoreFact]
    public async Task Archive_HidesFromTheDefaultListAndBlocksEdits_RestoreBringsItBackAsDraft()
    {
        var owner = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner, status: WorkflowStatus.Active);

        var archived = await _h.Workflows.ArchiveAsync(owner, workflow.Id);
        Assert.Equal(WorkflowStatus.Archived, archived.Status);
        Assert.Empty((await _h.Workflows.ListAsync(owner, new WorkflowListQuery { Owner = OwnerScope.Me })).Items);
        Assert.Single((await _h.Workflows.ListAsync(owner, new WorkflowListQuery { Owner = OwnerScope.Me, Statuses = [WorkflowStatus.Archived] })).Items);
        await Assert.ThrowsAsync<ConflictException>(() => _h.Workflows.UpdateAsync(owner, workflow.Id, new WorkflowUpdate(1) { Status = WorkflowStatus.Active }));
        await Assert.ThrowsAsync<ConflictException>(() => _h.Workflows.SetStatusAsync(owner, workflow.Id, WorkflowStatus.Active));

        var restored = await _h.Workflows.RestoreAsync(owner, workflow.Id);
        Assert.Equal(WorkflowStatus.Draft, restored.Status);
        await Assert.ThrowsAsync<ConflictException>(() => _h.Workflows.RestoreAsync(owner, workflow.Id));
        Assert.Equal(WorkflowStatus.Paused, (await _h.Workflows.SetStatusAsync(owner, workflow.Id, WorkflowStatus.Paused)).Status);
    }

    [StoreFact]
    public async Task Resume_GivesBackTheStatusTheWorkflowHadBeforeThePause()
    {
        var owner = await _h.MemberAsync();
        var draft = await _h.WorkflowAsync(owner);
        var active = await _h.WorkflowAsync(owner, status: WorkflowStatus.Active);

        Assert.Equal(WorkflowStatus.Paused, (await _h.Workflows.PauseAsync(owner, draft.Id)).Status);
        Assert.Equal(WorkflowStatus.Paused, (await _h.Workflows.PauseAsync(owner, draft.Id)).Status);
        Assert.Equal(WorkflowStatus.Draft, (await _h.Workflows.ResumeAsync(owner, draft.Id)).Status);
        Assert.Equal(WorkflowStatus.Draft, (await _h.Workflows.ResumeAsync(owner, draft.Id)).Status);

        await _h.Workflows.PauseAsync(owner, active.Id);
        // An edit of the definition while paused keeps the workflow paused and keeps what it was paused from.
        var edited = await _h.Workflows.UpdateAsync(owner, active.Id, new WorkflowUpdate(1) { Definition = Definitions.Simple("Edited while paused") });
        Assert.Equal(WorkflowStatus.Paused, edited.Status);
        Assert.Equal(WorkflowStatus.Active, (await _h.Workflows.ResumeAsync(owner, active.Id)).Status);

        // Leaving 'paused' another way (an update to draft) forgets it: a later pause remembers 'draft'.
        await _h.Workflows.PauseAsync(owner, active.Id);
        await _h.Workflows.UpdateAsync(owner, active.Id, new WorkflowUpdate(2) { Status = WorkflowStatus.Draft });
        await _h.Workflows.PauseAsync(owner, active.Id);
        Assert.Equal(WorkflowStatus.Draft, (await _h.Workflows.ResumeAsync(owner, active.Id)).Status);
    }

    [StoreFact]
    public async Task AStranger_ReachesNoWorkflowThroughAnyMethod()
    {
        var owner = await _h.MemberAsync();
        var stranger = await _h.MemberAsync();
        var workflow = await _h.WorkflowAsync(owner, "Secret plans");

        Assert.Null(await _h.Workflows.GetAsync(stranger, workflow.Id));
        Assert.Null(await _h.Workflows.ListVersionsAsync(stranger, workflow.Id));
        Assert.Null(await _h.Workflows.GetVersionAsync(stranger, workflow.Id, 1));
        Assert.DoesNotContain((await _h.Workflows.ListAsync(stranger, new WorkflowListQuery { Query = "Secret" })).Items, w => w.Id == workflow.Id);
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Workflows.UpdateAsync(stranger, workflow.Id, new WorkflowUpdate(1) { Status = WorkflowStatus.Active }));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Workflows.SetStatusAsync(stranger, workflow.Id, WorkflowStatus.Active));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Workflows.ArchiveAsync(stranger, workflow.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => _h.Workflows.RestoreAsync(stranger, workflow.Id));
        Assert.Equal(WorkflowStatus.Draft, (await _h.Workflows.GetAsync(owner, workflow.Id))?.Status);
    }
}

public sealed class SqliteWorkflowRepositoryTests(SqliteStoreFixture store) : WorkflowRepositorySuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresWorkflowRepositoryTests(PostgresStoreFixture store) : WorkflowRepositorySuite(store), IClassFixture<PostgresStoreFixture>;
