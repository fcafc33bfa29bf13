using System.Globalization;
using System.Text.Json.Nodes;
using Toolflow.Core.Execution;

namespace Toolflow.Server.Hosting;

/// <summary>
/// Credentials from configuration, for <c>toolflow run</c> where there is no database:
/// <c>Credentials:&lt;name&gt;:Type</c> plus the secret's fields, e.g.
/// <c>TOOLFLOW__CREDENTIALS__SMTP-MAIN__TYPE=smtp</c>, <c>…__HOST=mail.example.org</c>; an optional
/// <c>Hosts</c> (comma-separated) binds it to those hosts and is not part of the secret.
/// </summary>
internal sealed class ConfiguredCredentials(IConfiguration configuration) : ICredentialResolver
{
    public const string Section = "Credentials";

    public ValueTask<ResolvedCredential?> ResolveAsync(string name, CredentialContext context, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection(Section).GetChildren()
            .FirstOrDefault(c => string.Equals(c.Key, name, StringComparison.OrdinalIgnoreCase));
        var type = section?.GetChildren().FirstOrDefault(c => string.Equals(c.Key, "type", StringComparison.OrdinalIgnoreCase))?.Value;
        if (section is null || string.IsNullOrWhiteSpace(type))
        {
            return ValueTask.FromResult<ResolvedCredential?>(null);
        }

        // Environment variables arrive upper-case (…__CONNECTIONSTRING), so field names match in any case.
        var secret = new JsonObject(new JsonNodeOptions { PropertyNameCaseInsensitive = true });
        string[] hosts = [];
        foreach (var field in section.GetChildren().Where(c => !string.Equals(c.Key, "type", StringComparison.OrdinalIgnoreCase)))
        {
            if (string.Equals(field.Key, "hosts", StringComparison.OrdinalIgnoreCase))
            {
                // "api.example.com,*.example.org", or Hosts:0, Hosts:1 … from appsettings.json.
                hosts = field.Value is { } list
                    ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : [.. field.GetChildren().Select(c => c.Value).OfType<string>()];
                continue;
            }

            secret[field.Key] = Typed(field.Value);
        }

        return ValueTask.FromResult<ResolvedCredential?>(new ResolvedCredential(type.Trim().ToLowerInvariant(), secret) { Hosts = hosts });
    }

    /// <summary>Configuration holds only text; ports and flags are numbers and booleans to the credential parsers.</summary>
    private static JsonNode? Typed(string? value) =>
        value is null ? null
        : long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number)
        : bool.TryParse(value, out var flag) ? JsonValue.Create(flag)
        : JsonValue.Create(value);
}
