namespace Toolflow.Storage.Repositories.Credentials;

/// <summary>A credential's read model: everything but the secret, which only <see cref="CredentialRepository.ResolveSecretAsync(Guid, string, CancellationToken)"/> returns.</summary>
public sealed record CredentialRecord(Guid Id, Guid OwnerId, string Name, string Type, int KeyVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal const string Columns = "id, owner_id, name, type, key_version, created_at, updated_at";

    internal static CredentialRecord Read(RowReader row) => new(
        row.Guid("id"), row.Guid("owner_id"), row.String("name"), row.String("type"),
        row.Int("key_version"), row.Time("created_at"), row.Time("updated_at"));
}

/// <summary>Changes to a credential; null leaves a field as it is. The secret is replaced whole.</summary>
public sealed record CredentialUpdate
{
    public string? Name { get; init; }
    public string? Type { get; init; }
    public System.Text.Json.Nodes.JsonObject? Secret { get; init; }

    public override string ToString() => $"CredentialUpdate {{ Name = {Name}, Type = {Type}, Secret = {(Secret is null ? "unchanged" : "***")} }}";
}
