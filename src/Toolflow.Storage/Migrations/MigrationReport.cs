namespace Toolflow.Storage.Migrations;

/// <summary>What one <see cref="Migrator.MigrateAsync"/> call did.</summary>
public sealed record MigrationReport(int FromVersion, int ToVersion, IReadOnlyList<AppliedMigration> Applied)
{
    public bool AppliedAny => Applied.Count > 0;
}

/// <summary>A migration this call applied (another process may have applied the others).</summary>
public sealed record AppliedMigration(int Version, string Name);
