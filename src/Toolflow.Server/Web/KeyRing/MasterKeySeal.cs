using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Toolflow.Storage.Secrets;

namespace Toolflow.Server.Web.KeyRing;

/// <summary>
/// The sealed form of a Data Protection key's secret: <c>&lt;sealedWithMasterKey id keyVersion&gt;base64&lt;/…&gt;</c>,
/// AES-256-GCM under a master key (as credentials are), the associated data binding the element's id and key version.
/// </summary>
internal static class MasterKeySeal
{
    public const string Element = "sealedWithMasterKey";

    public static XElement Seal(MasterKey key, XElement plaintext)
    {
        var id = Guid.NewGuid();
        var blob = CredentialCipher.Seal(key, id, Encoding.UTF8.GetBytes(plaintext.ToString(SaveOptions.DisableFormatting)));
        return new XElement(Element,
            new XAttribute("id", id.ToString("D")),
            new XAttribute("keyVersion", key.Version.ToString(CultureInfo.InvariantCulture)),
            Convert.ToBase64String(blob));
    }

    public static XElement Open(MasterKeyRing ring, XElement sealedElement)
    {
        var key = ring.Find(VersionOf(sealedElement))
            ?? throw new CryptographicException($"A Data Protection key is sealed with master key version {VersionOf(sealedElement)}, which this server does not have.");
        var id = Guid.Parse((string?)sealedElement.Attribute("id") ?? throw new CryptographicException("A sealed Data Protection key has no id."));
        return XElement.Parse(Encoding.UTF8.GetString(CredentialCipher.Open(key, id, Convert.FromBase64String(sealedElement.Value))));
    }

    public static int VersionOf(XElement sealedElement) =>
        int.Parse((string?)sealedElement.Attribute("keyVersion") ?? "0", CultureInfo.InvariantCulture);
}
