using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Toolflow.Core.Triggers;

/// <summary>
/// The optional webhook signature: header <c>X-Toolflow-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where
/// the hex is HMAC-SHA256 over <c>"&lt;t&gt;.&lt;raw body&gt;"</c> with the hook's secret. The timestamp
/// bounds replays to a window (5 minutes); the comparison takes constant time.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Toolflow-Signature";
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public static string Sign(byte[] secret, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var seconds = timestamp.ToUnixTimeSeconds();
        return $"t={seconds.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Compute(secret, seconds, body))}";
    }

    public static SignatureCheck Verify(byte[] secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (string.IsNullOrWhiteSpace(header))
        {
            return SignatureCheck.Missing;
        }

        long? seconds = null;
        byte[]? given = null;
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                seconds = t;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal) && part.Length == 3 + 64)
            {
                try
                {
                    given = Convert.FromHexString(part.AsSpan(3));
                }
                catch (FormatException)
                {
                    return SignatureCheck.Malformed;
                }
            }
        }

        if (seconds is null || given is null)
        {
            return SignatureCheck.Malformed;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds.Value, 0, 253402300799));
        if (age.Duration() > ReplayWindow)
        {
            return SignatureCheck.OutsideWindow;
        }

        return CryptographicOperations.FixedTimeEquals(Compute(secret, seconds.Value, body), given)
            ? SignatureCheck.Valid
            : SignatureCheck.Mismatch;
    }

    private static byte[] Compute(byte[] secret, long seconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(seconds.ToString(CultureInfo.InvariantCulture) + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}

public enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    OutsideWindow,
    Mismatch,
}
