using Toolflow.Core.Definitions;
using Toolflow.Storage.Errors;
using Toolflow.Storage.Repositories;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Repositories.Users;

public abstract class UserAndApiKeySuite(StoreFixture store)
{
    private readonly RepositoryHarness _h = new(store.Database);

    [StoreFact]
    public async Task Create_ThenGetAndGetByEmail_FindTheUserWhateverTheCase()
    {
        var user = await _h.Users.CreateAsync($"Ada-{Guid.NewGuid():N}@Example.org", "Ada", UserRole.Admin);

        Assert.Equal(user, await _h.Users.GetAsync(user.Id));
        Assert.Equal(user.Id, (await _h.Users.GetByEmailAsync(user.Email.ToUpperInvariant()))?.Id);
        Assert.Equal(UserRole.Admin, user.Role);
        Assert.Null(await _h.Users.GetAsync(Guid.NewGuid()));
    }

    [StoreFact]
    public async Task Create_WithAnEmailTakenInAnotherCase_IsAUniqueViolationAndWritesNothing()
    {
        var email = $"dup-{Guid.NewGuid():N}@example.org";
        await _h.Users.CreateAsync(email, "One", UserRole.Member);
        var before = await _h.CountAsync("users");

        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => _h.Users.CreateAsync(email.ToUpperInvariant(), "Two", UserRole.Member));

        Assert.Equal(ConstraintKind.Unique, error.Kind);
        Assert.Equal(before, await _h.CountAsync("users"));
    }

    [StoreTheory]
    [InlineData("not-an-email", "Name", "/email")]
    [InlineData("ok@example.org", "", "/displayName")]
    public async Task Create_WithBadInput_IsAValidationErrorNamingTheFieldAndWritesNothing(string email, string name, string pointer)
    {
        var before = await _h.CountAsync("users");

        var error = await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Users.CreateAsync(email, name, UserRole.Member));

        Assert.Contains(pointer, error.Errors.Keys);
        Assert.Equal(before, await _h.CountAsync("users"));
    }

    [StoreFact]
    public async Task Create_WithTooLongNameOrUnknownRole_IsAValidationErrorAndWritesNothing()
    {
        var before = await _h.CountAsync("users");

        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Users.CreateAsync("long@example.org", new string('x', 201), UserRole.Member));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.Users.CreateAsync("enum@example.org", "Bad", (UserRole)42));

        Assert.Equal(before, await _h.CountAsync("users"));
    }

    [StoreFact]
    public async Task List_PagesThroughEveryUserOnceInCreationOrder()
    {
        for (var i = 0; i < 7; i++)
        {
            await _h.MemberAsync($"list{i}");
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await _h.Users.ListAsync(cursor, 3);
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(u => u.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Equal(await _h.CountAsync("users"), seen.Count);
        Assert.Equal(seen.Order().ToList(), seen);
    }

    [StoreFact]
    public async Task Delete_RemovesTheUserAndTheirKeys_ButRefusesAnOwnerOfWorkflows()
    {
        var plain = await _h.MemberAsync();
        await _h.ApiKeys.CreateAsync(plain.UserId, "k", "tf_aaaa1111", Guid.NewGuid().ToString("N"));
        Assert.True(await _h.Users.DeleteAsync(plain.UserId));
        Assert.Empty(await _h.ApiKeys.ListAsync(Caller.Admin(Guid.NewGuid()), plain.UserId));
        Assert.False(await _h.Users.DeleteAsync(plain.UserId));

        var owner = await _h.MemberAsync();
        await _h.WorkflowAsync(owner);
        var error = await Assert.ThrowsAsync<ConstraintViolationException>(() => _h.Users.DeleteAsync(owner.UserId));
        Assert.Equal(ConstraintKind.ForeignKey, error.Kind);
        Assert.NotNull(await _h.Users.GetAsync(owner.UserId));
    }

    [StoreFact]
    public async Task ApiKey_FoundByHash_TouchesLastUsedAndReturnsItsUser_UntilRevoked()
    {
        var user = await _h.MemberAsync();
        var hash = Guid.NewGuid().ToString("N");
        var key = await _h.ApiKeys.CreateAsync(user.UserId, "laptop", "tf_1234abcd", hash);
        Assert.Null(key.LastUsedAt);

        var found = await _h.ApiKeys.FindByHashAsync(hash);
        Assert.NotNull(found);
        Assert.Equal(user.UserId, found.Value.User.Id);
        Assert.NotNull(found.Value.Key.LastUsedAt);
        Assert.Null(await _h.ApiKeys.FindByHashAsync("unknown"));

        Assert.False(await _h.ApiKeys.RevokeAsync(await _h.MemberAsync(), key.Id));
        Assert.True(await _h.ApiKeys.RevokeAsync(user, key.Id));
        Assert.Null(await _h.ApiKeys.FindByHashAsync(hash));
        Assert.NotNull(Assert.Single(await _h.ApiKeys.ListAsync(user, user.UserId)).RevokedAt);
    }

    [StoreFact]
    public async Task ApiKey_WithBadInputOrADuplicateHash_IsATypedErrorAndWritesNothing()
    {
        var user = await _h.MemberAsync();
        var hash = Guid.NewGuid().ToString("N");
        await _h.ApiKeys.CreateAsync(user.UserId, "first", "tf_aaaa0000", hash);
        var before = await _h.CountAsync("api_keys");

        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.ApiKeys.CreateAsync(user.UserId, "", "tf_aaaa0000", "h"));
        await Assert.ThrowsAsync<ValidationFailedException>(() => _h.ApiKeys.CreateAsync(user.UserId, new string('k', 201), "tf_aaaa0000", "h"));
        Assert.Equal(ConstraintKind.Unique, (await Assert.ThrowsAsync<ConstraintViolationException>(() => _h.ApiKeys.CreateAsync(user.UserId, "again", "tf_bbbb0000", hash))).Kind);
        Assert.Equal(ConstraintKind.ForeignKey, (await Assert.ThrowsAsync<ConstraintViolationException>(() => _h.ApiKeys.CreateAsync(Guid.NewGuid(), "nobody", "tf_cccc0000", "x"))).Kind);

        Assert.Equal(before, await _h.CountAsync("api_keys"));
    }

    [StoreFact]
    public async Task IsEmpty_IsTrueOnlyBeforeTheFirstUser()
    {
        var (fresh, _) = await RepositoryHarness.FreshAsync(store);
        await using var __ = fresh;

        Assert.True(await fresh.Users.IsEmptyAsync());
        await fresh.MemberAsync();
        Assert.False(await fresh.Users.IsEmptyAsync());
    }

    [StoreFact]
    public async Task ApiKey_List_ShowsAMemberOnlyTheirOwnKeys()
    {
        var alice = await _h.MemberAsync();
        var bob = await _h.MemberAsync();
        await _h.ApiKeys.CreateAsync(alice.UserId, "a", "tf_aaaaaaaa", Guid.NewGuid().ToString("N"));

        Assert.Single(await _h.ApiKeys.ListAsync(alice, alice.UserId));
        Assert.Empty(await _h.ApiKeys.ListAsync(bob, alice.UserId));
        Assert.Single(await _h.ApiKeys.ListAsync(await _h.AdminAsync(), alice.UserId));
    }
}

public sealed class SqliteUserAndApiKeyTests(SqliteStoreFixture store) : UserAndApiKeySuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresUserAndApiKeyTests(PostgresStoreFixture store) : UserAndApiKeySuite(store), IClassFixture<PostgresStoreFixture>;
