using System.Xml.Linq;
using Toolflow.Storage.Repositories.Keys;
using Toolflow.Storage.Secrets;

namespace Toolflow.Server.Web.KeyRing;

/// <summary>
/// Part of <c>toolflow rotate-key</c>: re-seals the secret of every Data Protection key in the database
/// under the ring's current master key. The Data Protection keys themselves do not change, so session
/// cookies, antiforgery tokens and public-run tokens they protected keep working; only the wrapping does.
/// </summary>
internal static class KeyRingResealer
{
    /// <returns>
    /// How many rows were re-sealed (rows already under the current key are left alone), and how many no key
    /// of the ring opens — no server could read those either; they are left as they are, for the key manager to ignore.
    /// </returns>
    public static async Task<(int Resealed, int Unreadable)> ResealAsync(DataProtectionKeyRepository keys, MasterKeyRing ring, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(ring);
        var count = 0;
        var unreadable = 0;
        foreach (var (id, xml) in await keys.ReadAllWithIdsAsync(cancellationToken))
        {
            var document = XElement.Parse(xml);
            var stale = document.Descendants().Where(e => e.Name.LocalName == MasterKeySeal.Element && MasterKeySeal.VersionOf(e) != ring.Current.Version).ToList();
            if (stale.Count == 0)
            {
                continue;
            }

            try
            {
                foreach (var sealedElement in stale)
                {
                    var resealed = MasterKeySeal.Seal(ring.Current, MasterKeySeal.Open(ring, sealedElement));
                    resealed.Name = sealedElement.Name; // keep the namespace it was written in
                    sealedElement.ReplaceWith(resealed);
                }
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                unreadable++;
                continue;
            }

            // A row another rotation changed meanwhile is left to it (compare-and-set, as credentials).
            if (await keys.ReplaceAsync(id, xml, document.ToString(SaveOptions.DisableFormatting), cancellationToken))
            {
                count++;
            }
        }

        return (count, unreadable);
    }
}
