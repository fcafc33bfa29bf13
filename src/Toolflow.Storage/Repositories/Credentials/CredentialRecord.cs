namespace Toolflow.Storage.Repositories.Credentials;

/// <summary>A credential's read model: everything but the secret, which only <see cref="CredentialRepository.ResolveSecretAsync(Guid, string, CancellationToken)"/> returns.</summary>
public sealed record CredentialRecord(Guid Id, Guid OwnerId, string Name, string Type, int KeyVersion, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal const string Columns = "id, owner_id, name, type, key_version, created_at, updated_at, hosts";

    /// <summary>The hosts the credential may be sent to; empty when it is not bound.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = [];

    public bool Equals(CredentialRecord? other) =>
        other is not null && Id == other.Id && OwnerId == other.OwnerId && Name == other.Name && Type == other.Type &&
        KeyVersion == other.KeyVersion && CreatedAt == other.CreatedAt && UpdatedAt == other.UpdatedAt && Hosts.SequenceEqual(other.Hosts);

    public override int GetHashCode() => HashCode.Combine(Id, Name, Type, KeyVersion, UpdatedAt);

    internal static CredentialRecord Read(RowReader row) => new(
        row.Guid("id"), row.Guid("owner_id"), row.String("name"), row.String("type"),
        row.Int("key_version"), row.Time("created_at"), row.Time("updated_at"))
    {
        Hosts = row.Tags("hosts"),
    };
}

/// <summary>Changes to a credential; null leaves a field as it is. The secret is replaced whole.</summary>
public sealed record CredentialUpdate
{
    public string? Name { get; init; }
    public string? Type { get; init; }
    public System.Text.Json.Nodes.JsonObject? Secret { get; init; }

    /// <summary>A new host binding (empty unbinds); null keeps the current one.</summary>
    public IReadOnlyList<string>? Hosts { get; init; }

    public override string ToString() => $"CredentialUpdate {{ Name = {Name}, Type = {Type}, Secret = {(Secret is null ? "unchanged" : "***")}, Hosts = {(Hosts is null ? "unchanged" : string.Join(",", Hosts))} }}";
}
