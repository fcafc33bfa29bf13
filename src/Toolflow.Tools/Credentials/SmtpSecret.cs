using System.Text;
using System.Text.Json.Nodes;

namespace Toolflow.Tools.Credentials;

public enum SmtpSecurity
{
    None,
    StartTls,
    Tls,
}

/// <summary>A resolved <c>smtp</c> credential: where to send, how to secure it, who to log in as.</summary>
public sealed record SmtpSecret(string Host, int Port, string? Username, string? Password, SmtpSecurity Security, string? From) : IToolSecret
{
    public const string Type = "smtp";

    /// <summary>Reads {host, port, username?, password?, security: none|starttls|tls, from?}.</summary>
    public static SmtpSecret Parse(JsonObject secret)
    {
        var fields = JsonFields.Credential(secret, Type);
        var host = fields.RequiredText("host", 253);
        if (Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            throw fields.Fail("host is not a host name or IP address");
        }

        var security = fields.Text("security", 16)?.ToLowerInvariant() switch
        {
            null or "starttls" => SmtpSecurity.StartTls,
            "none" => SmtpSecurity.None,
            "tls" or "ssl" => SmtpSecurity.Tls,
            _ => throw fields.Fail("security must be none, starttls or tls"),
        };
        var port = (int)(fields.Integer("port", 1, 65535) ?? (security == SmtpSecurity.Tls ? 465 : 587));
        var username = fields.Text("username", 512);
        var password = fields.Text("password", 4096);
        if (password is not null && string.IsNullOrEmpty(username))
        {
            throw fields.Fail("password is set but username is missing");
        }

        return new SmtpSecret(host, port, string.IsNullOrEmpty(username) ? null : username, password, security, fields.Text("from", 998));
    }

    /// <summary>The secret values a failure message must never carry.</summary>
    public IEnumerable<string?> SecretValues() => [Password];

    // The compiler-generated ToString would print the password.
    public IEnumerable<string> TargetHosts() => [Host];

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"Host = {Host}, Port = {Port}, Username = {Username}, Password = {(Password is null ? "null" : "***")}, Security = {Security}, From = {From}");
        return true;
    }
}
