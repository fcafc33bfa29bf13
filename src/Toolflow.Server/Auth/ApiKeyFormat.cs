using System.Security.Cryptography;
using System.Text;

namespace Toolflow.Server.Auth;

/// <summary>
/// API keys look like <c>tf_&lt;prefix&gt;_&lt;secret&gt;</c>. The prefix is stored and shown so a user can
/// tell keys apart; only the SHA-256 of the whole key is stored, so a database leak leaks no key.
/// </summary>
public static class ApiKeyFormat
{
    private const string Scheme = "tf_";
    private const int PrefixLength = 8;
    private const int SecretBytes = 32;

    public static GeneratedApiKey Generate()
    {
        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(PrefixLength / 2));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var key = $"{Scheme}{prefix}_{secret}";
        return new GeneratedApiKey(key, $"{Scheme}{prefix}", Hash(key));
    }

    /// <summary>The stored form of a key: lowercase hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Cheap shape check so junk never reaches the database.</summary>
    public static bool LooksValid(string? key) =>
        key is { Length: > 20 and < 200 } && key.StartsWith(Scheme, StringComparison.Ordinal) && key.IndexOf('_', Scheme.Length) == Scheme.Length + PrefixLength;

    /// <summary>The shown prefix (<c>tf_1a2b3c4d</c>) of a well-formed key; null for anything else.</summary>
    public static string? PrefixOf(string? key) => LooksValid(key) ? key![..(Scheme.Length + PrefixLength)] : null;

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>A new key: <see cref="Key"/> is shown once and never stored.</summary>
public sealed record GeneratedApiKey(string Key, string Prefix, string Hash)
{
    public override string ToString() => $"GeneratedApiKey {{ Prefix = {Prefix} }}";
}
