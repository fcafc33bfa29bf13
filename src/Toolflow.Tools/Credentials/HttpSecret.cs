using System.Text;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.Credentials;

/// <summary>
/// A resolved credential for <c>http.request</c>: <c>http-bearer</c> {token}, <c>http-basic</c>
/// {username, password} or <c>http-header</c> {name, value}. It becomes one request header.
/// </summary>
public sealed record HttpSecret : IToolSecret
{
    private HttpSecret(string headerName, string headerValue, IReadOnlyList<string?> secrets)
    {
        HeaderName = headerName;
        HeaderValue = headerValue;
        Secrets = secrets;
    }

    public const string Bearer = "http-bearer";
    public const string Basic = "http-basic";
    public const string Header = "http-header";

    public static IReadOnlyList<string> Types { get; } = [Bearer, Basic, Header];

    public string HeaderName { get; }

    public string HeaderValue { get; }

    private IReadOnlyList<string?> Secrets { get; }

    public static HttpSecret Parse(string type, JsonObject secret)
    {
        ArgumentNullException.ThrowIfNull(type);
        var kind = type.ToLowerInvariant();
        var fields = JsonFields.Credential(secret, kind);
        switch (kind)
        {
            case Bearer:
                var token = HeaderSafe(fields, "token", fields.RequiredText("token", 8192));
                return new HttpSecret("Authorization", "Bearer " + token, [token]);
            case Basic:
                var user = HeaderSafe(fields, "username", fields.RequiredText("username", 1024));
                var password = HeaderSafe(fields, "password", fields.Text("password", 4096) ?? string.Empty);
                if (user.Contains(':', StringComparison.Ordinal))
                {
                    throw fields.Fail("username must not contain ':'");
                }

                var pair = user + ":" + password;
                return new HttpSecret("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)), [password, pair]);
            case Header:
                var name = fields.RequiredText("name", 256);
                if (name.Length == 0 || name.Any(c => c <= ' ' || c >= 127 || c is ':' or '(' or ')' or ',' or ';' or '"'))
                {
                    throw fields.Fail("name must be an HTTP header name");
                }

                var value = HeaderSafe(fields, "value", fields.RequiredText("value", 8192));
                return new HttpSecret(name, value, [value]);
            default:
                throw new ToolFailureException("invalid_credential", "http.request needs an http-bearer, http-basic or http-header credential", retryable: false);
        }
    }

    public IEnumerable<string?> SecretValues() => Secrets;

    private static string HeaderSafe(JsonFields fields, string field, string value) =>
        value.Any(char.IsControl) ? throw fields.Fail($"{field} contains control characters") : value;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"HeaderName = {HeaderName}, HeaderValue = ***");
        return true;
    }
}
