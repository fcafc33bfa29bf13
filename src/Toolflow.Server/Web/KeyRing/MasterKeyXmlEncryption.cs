using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Toolflow.Storage.Secrets;

namespace Toolflow.Server.Web.KeyRing;

/// <summary>
/// Seals the secret part of each Data Protection key with Toolflow's master key (AES-256-GCM, as
/// credentials are), so the key ring in the database is as safe as the credentials beside it.
/// </summary>
internal sealed class MasterKeyXmlEncryptor(MasterKeyRing ring) : IXmlEncryptor
{
    public const string Element = MasterKeySeal.Element;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        return new EncryptedXmlInfo(MasterKeySeal.Seal(ring.Current, plaintextElement), typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="MasterKeyXmlEncryptor"/> sealed; made by Data Protection with the service provider.</summary>
internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var ring = (MasterKeyRing?)services.GetService(typeof(MasterKeyRing))
            ?? throw new InvalidOperationException("The master key ring is not available to open the Data Protection keys.");
        return MasterKeySeal.Open(ring, encryptedElement);
    }
}
