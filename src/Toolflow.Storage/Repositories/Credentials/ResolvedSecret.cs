using System.Text.Json.Nodes;

namespace Toolflow.Storage.Repositories.Credentials;

/// <summary>A credential opened for the tool that needs it: type, plaintext secret and host binding.</summary>
public sealed record ResolvedSecret(string Type, JsonObject Secret, IReadOnlyList<string> Hosts)
{
    public override string ToString() => $"ResolvedSecret {{ Type = {Type}, Hosts = {string.Join(",", Hosts)} }}";
}
