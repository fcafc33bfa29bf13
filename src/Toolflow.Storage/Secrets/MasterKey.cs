using System.Security.Cryptography;

namespace Toolflow.Storage.Secrets;

/// <summary>
/// A 256-bit key that seals credential secrets, and its version (stored per row as key_version, so
/// rows sealed under an older key can still be opened during a rotation). Never printed.
/// </summary>
public sealed class MasterKey
{
    public const int KeyBytes = 32;
    private readonly byte[] _key;

    public MasterKey(int version, ReadOnlySpan<byte> key)
    {
        if (version < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(version), "A key version is 1 or more.");
        }

        if (key.Length != KeyBytes)
        {
            throw new ArgumentException($"A master key is {KeyBytes} bytes.", nameof(key));
        }

        Version = version;
        _key = key.ToArray();
    }

    public int Version { get; }

    internal ReadOnlySpan<byte> Bytes => _key;

    public static MasterKey Generate(int version) => new(version, RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>Parses base64 of exactly 32 bytes; the message never repeats the value.</summary>
    public static MasterKey FromBase64(int version, string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64?.Trim() ?? "");
        }
        catch (FormatException)
        {
            throw new SettingsException("Secrets:MasterKey is not base64.");
        }

        return bytes.Length == KeyBytes
            ? new MasterKey(version, bytes)
            : throw new SettingsException($"Secrets:MasterKey must be base64 of {KeyBytes} bytes, not {bytes.Length}.");
    }

    public string ToBase64() => Convert.ToBase64String(_key);

    public override string ToString() => $"MasterKey v{Version}";
}
