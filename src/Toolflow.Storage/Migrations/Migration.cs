namespace Toolflow.Storage.Migrations;

/// <summary>One versioned SQL script of one dialect, as embedded in this assembly.</summary>
public sealed record Migration(int Version, string Name, string Sql, string Checksum);
