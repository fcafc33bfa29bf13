namespace Toolflow.Storage.Migrations;

/// <summary>The database's schema version against the code's; the readiness probe reads it.</summary>
public sealed record SchemaStatus(int CurrentVersion, int LatestKnownVersion)
{
    public bool IsCurrent => CurrentVersion == LatestKnownVersion;

    public bool IsNewerThanCode => CurrentVersion > LatestKnownVersion;
}
