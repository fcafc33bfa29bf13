namespace Toolflow.Tools.Credentials;

/// <summary>A parsed credential; it knows which of its values are secret, so callers can redact them anywhere.</summary>
public interface IToolSecret
{
    /// <summary>The values that must never reach an output, error, log or event (nulls are skipped).</summary>
    IEnumerable<string?> SecretValues();

    /// <summary>The hosts this credential itself points at (an SMTP server, a database, a model's base URL), checked against its host binding.</summary>
    IEnumerable<string> TargetHosts() => [];
}
