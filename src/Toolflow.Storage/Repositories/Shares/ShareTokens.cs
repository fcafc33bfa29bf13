using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Toolflow.Storage.Repositories.Shares;

/// <summary>Public link tokens: <c>tfs_&lt;8 hex&gt;_&lt;43 base64url&gt;</c>; the prefix is stored and shown, the whole token only as SHA-256.</summary>
public static class ShareTokens
{
    private const string Scheme = "tfs_";

    public static (string Token, string Prefix, string Hash) Generate()
    {
        var prefix = Scheme + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var token = prefix + "_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, prefix, Hash(token));
    }

    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Constant-time equality of two hex hashes (no early exit on the first differing byte).</summary>
    public static bool HashesEqual(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
    }
}
