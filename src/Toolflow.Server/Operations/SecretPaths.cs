namespace Toolflow.Server.Operations;

/// <summary>
/// Request paths that carry a credential in a segment: a webhook's id (<c>/hooks/{hookId}</c>) and a
/// public link's token (<c>/api/v1/shared/{token}</c>, the UI's <c>/s/{token}</c>). Whoever reads
/// the path can run the workflow, so what Toolflow writes about a request (problem details'
/// <c>instance</c>, trace tags) shows these paths with the secret cut out.
/// </summary>
internal static class SecretPaths
{
    public const string Hidden = "***";

    private static readonly string[] Prefixes = ["/hooks/", "/api/v1/shared/", "/s/"];

    /// <summary>The path with the secret segment replaced (a link token keeps its public prefix, <c>tfs_1a2b3c4d</c>).</summary>
    public static string Redact(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return path ?? "";
        }

        foreach (var prefix in Prefixes)
        {
            if (!path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || path.Length == prefix.Length)
            {
                continue;
            }

            var end = path.IndexOf('/', prefix.Length);
            var secret = end < 0 ? path[prefix.Length..] : path[prefix.Length..end];
            var rest = end < 0 ? "" : path[end..];
            return prefix + PublicPart(secret) + Hidden + rest;
        }

        return path;
    }

    /// <summary>A link token's <c>tfs_&lt;8 hex&gt;_</c> prefix is shown in the share list; keep it to tell links apart.</summary>
    private static string PublicPart(string secret)
    {
        const int PrefixLength = 4 + 8 + 1;
        return secret.Length > PrefixLength && secret.StartsWith("tfs_", StringComparison.Ordinal) && secret[PrefixLength - 1] == '_'
            ? secret[..PrefixLength]
            : "";
    }
}
