using System.Security.Cryptography;
using System.Text;

namespace Toolflow.Storage.Secrets;

/// <summary>
/// AES-256-GCM sealing of credential secrets. A blob is <c>[format 1][nonce 12][tag 16][ciphertext]</c>;
/// the associated data names the row id and key version, so a blob copied onto another row (or
/// relabelled with another key version) fails to open instead of yielding someone else's secret.
/// </summary>
public static class CredentialCipher
{
    private const byte Format = 1;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int HeaderBytes = 1 + NonceBytes + TagBytes;

    public static byte[] Seal(MasterKey key, Guid rowId, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        var blob = new byte[HeaderBytes + plaintext.Length];
        blob[0] = Format;
        var nonce = blob.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Bytes, TagBytes);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(HeaderBytes), blob.AsSpan(1 + NonceBytes, TagBytes), AssociatedData(rowId, key.Version));
        return blob;
    }

    /// <summary>The plaintext; a tampered, swapped or foreign blob is a <see cref="CryptographicException"/>.</summary>
    public static byte[] Open(MasterKey key, Guid rowId, ReadOnlySpan<byte> blob)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (blob.Length < HeaderBytes || blob[0] != Format)
        {
            throw new CryptographicException("The credential blob is not in a known format.");
        }

        var plaintext = new byte[blob.Length - HeaderBytes];
        using var aes = new AesGcm(key.Bytes, TagBytes);
        aes.Decrypt(blob.Slice(1, NonceBytes), blob[HeaderBytes..], blob.Slice(1 + NonceBytes, TagBytes), plaintext, AssociatedData(rowId, key.Version));
        return plaintext;
    }

    private static byte[] AssociatedData(Guid rowId, int keyVersion) =>
        Encoding.UTF8.GetBytes(FormattableString.Invariant($"toolflow:credential:{rowId:D}:v{keyVersion}"));
}
