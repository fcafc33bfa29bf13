namespace Toolflow.Storage.Secrets;

/// <summary>
/// The <c>Secrets</c> configuration section. With <see cref="MasterKey"/> unset, Toolflow keeps its
/// keys in <c>&lt;DataDirectory&gt;/master.key</c> (created on first start, mode 0600).
/// </summary>
public sealed class SecretsOptions
{
    public const string SectionName = "Secrets";

    /// <summary>Base64 of 32 random bytes (<c>openssl rand -base64 32</c>).</summary>
    public string? MasterKey { get; set; }

    /// <summary>The version of <see cref="MasterKey"/>; raise it with each new key.</summary>
    public int KeyVersion { get; set; } = 1;

    /// <summary>
    /// PostgreSQL normally requires <see cref="MasterKey"/>: processes on several machines would each
    /// create their own key file and could not open each other's credentials. Set this for a
    /// single-machine PostgreSQL install that wants the key file anyway.
    /// </summary>
    public bool AllowKeyFileWithPostgres { get; set; }

    /// <summary>Older keys by version, still needed to open rows until a rotation has re-sealed them.</summary>
    public Dictionary<int, string> PreviousKeys { get; set; } = [];
}
