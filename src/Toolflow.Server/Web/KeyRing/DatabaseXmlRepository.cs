using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Toolflow.Storage.Repositories.Keys;

namespace Toolflow.Server.Web.KeyRing;

/// <summary>
/// Data Protection's key ring in Toolflow's database instead of the user profile, so every server
/// process on one database, and every restart or new container, reads the same keys: a session cookie
/// issued by one is accepted by all. The key manager calls this rarely (start-up, key creation, ring
/// refresh), synchronously.
/// </summary>
internal sealed class DatabaseXmlRepository(DataProtectionKeyRepository keys) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. keys.ReadAllAsync().GetAwaiter().GetResult().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        keys.StoreAsync(friendlyName, element.ToString(SaveOptions.DisableFormatting)).GetAwaiter().GetResult();
    }
}
