namespace Toolflow.Testing.Postgres;

/// <summary>A theory that needs PostgreSQL: skipped with the reason when there is none (see <see cref="PostgresEnvironment"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute()
    {
        Skip = PostgresEnvironment.SkipReason;
    }
}
