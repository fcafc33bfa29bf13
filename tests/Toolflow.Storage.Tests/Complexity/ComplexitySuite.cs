using Toolflow.Core.Complexity;
using Toolflow.Storage.Database;
using Toolflow.Storage.Tests.Support;
using Toolflow.Testing.Sql;
using Toolflow.Testing.Stores;

namespace Toolflow.Storage.Tests.Complexity;

/// <summary>
/// workflow_complexity in SQL (PL/pgSQL on PostgreSQL, the registered application function on
/// SQLite) and the complexity_score the triggers store agree with WorkflowComplexity.Compute.
/// </summary>
public abstract class ComplexitySuite(StoreFixture store)
{
    private ToolflowDatabase Db => store.Database;

    public static TheoryData<string> Names => ComplexityDefinitions.Names;

    [StoreTheory]
    [MemberData(nameof(Names))]
    public async Task WorkflowComplexityInSql_AgreesWithCompute(string name)
    {
        var expected = WorkflowComplexity.Compute(ComplexityDefinitions.All[name]);

        var actual = await Db.ScalarAsync("SELECT workflow_complexity(@definition)", new { definition = new SqlJson(ComplexityDefinitions.JsonOf(name)) });

        Assert.Equal(expected, SqlValues.AsLong(actual));
    }

    [StoreTheory]
    [MemberData(nameof(Names))]
    public async Task ComplexityScore_OfAnInsertedWorkflow_IsComputedFromItsDefinition(string name)
    {
        var workflow = await Seed.WorkflowAsync(Db, await Seed.UserAsync(Db), definition: ComplexityDefinitions.JsonOf(name));

        var score = await Db.ScalarAsync("SELECT complexity_score FROM workflows WHERE id = @workflow", new { workflow });

        Assert.Equal(WorkflowComplexity.Compute(ComplexityDefinitions.All[name]), SqlValues.AsLong(score));
    }

    [StoreFact]
    public async Task ComplexityScore_AfterTheDefinitionChanges_IsRecomputed()
    {
        var workflow = await Seed.WorkflowAsync(Db, await Seed.UserAsync(Db));
        const string name = "everything at once";

        await Db.ExecuteAsync(
            "UPDATE workflows SET definition = @definition WHERE id = @workflow",
            new { workflow, definition = new SqlJson(ComplexityDefinitions.JsonOf(name)) });

        var score = await Db.ScalarAsync("SELECT complexity_score FROM workflows WHERE id = @workflow", new { workflow });
        Assert.Equal(WorkflowComplexity.Compute(ComplexityDefinitions.All[name]), SqlValues.AsLong(score));
    }
}

public sealed class SqliteComplexityTests(SqliteStoreFixture store) : ComplexitySuite(store), IClassFixture<SqliteStoreFixture>;

public sealed class PostgresComplexityTests(PostgresStoreFixture store) : ComplexitySuite(store), IClassFixture<PostgresStoreFixture>;
