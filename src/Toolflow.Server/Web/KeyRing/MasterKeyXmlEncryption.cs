using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
    public const string Element = "sealedWithMasterKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var id = Guid.NewGuid();
        var key = ring.Current;
        var blob = CredentialCipher.Seal(key, id, Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)));
        var sealedElement = new XElement(Element,
            new XAttribute("id", id.ToString("D")),
            new XAttribute("keyVersion", key.Version.ToString(CultureInfo.InvariantCulture)),
            Convert.ToBase64String(blob));
        return new EncryptedXmlInfo(sealedElement, typeof(MasterKeyXmlDecryptor));
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
        var id = Guid.Parse((string?)encryptedElement.Attribute("id") ?? throw new CryptographicException("A sealed Data Protection key has no id."));
        var version = int.Parse((string?)encryptedElement.Attribute("keyVersion") ?? "0", CultureInfo.InvariantCulture);
        var key = ring.Find(version)
            ?? throw new CryptographicException($"A Data Protection key is sealed with master key version {version}, which this server does not have.");
        return XElement.Parse(Encoding.UTF8.GetString(CredentialCipher.Open(key, id, Convert.FromBase64String(encryptedElement.Value))));
    }
}
