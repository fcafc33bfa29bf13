namespace Toolflow.Testing.Postgres;

/// <summary>A fact that needs PostgreSQL: skipped with the reason when there is none (see <see cref="PostgresEnvironment"/>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = PostgresEnvironment.SkipReason;
    }
}
