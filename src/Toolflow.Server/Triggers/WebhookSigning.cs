using System.Text;
using Toolflow.Core.Triggers;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Server.Triggers;

/// <summary>
/// The optional HMAC-SHA256 check of a webhook (<see cref="WebhookSignature"/>): when the trigger
/// names a <c>credential</c>, its <c>secret</c> (a credential of the workflow's owner, resolved the
/// way the workers resolve credentials for the owner) must have signed the raw body within five
/// minutes. A missing credential refuses every request: an unverifiable hook must not run.
/// </summary>
internal static class WebhookSigning
{
    public const string SecretField = "secret";

    /// <summary>Null when the request may run; else the reason to refuse it (never the secret).</summary>
    public static async Task<string?> RefusalAsync(
        WorkflowRecord workflow, HttpRequest request, byte[] body, ToolflowRepositories repositories, TimeProvider clock)
    {
        if (workflow.Definition.Trigger?.Credential is not { } credential)
        {
            return null;
        }

        var resolved = await repositories.Credentials.ResolveTypedAsync(workflow.OwnerId, credential, request.HttpContext.RequestAborted);
        if (resolved?.Secret[SecretField]?.GetValueKind() is not System.Text.Json.JsonValueKind.String)
        {
            return "the signature cannot be verified: the hook's signing credential is missing";
        }

        var secret = Encoding.UTF8.GetBytes((string)resolved.Secret[SecretField]!);
        return WebhookSignature.Verify(secret, request.Headers[WebhookSignature.HeaderName].ToString(), body, clock.GetUtcNow()) switch
        {
            SignatureCheck.Valid => null,
            SignatureCheck.Missing => $"this hook requires a signature: send {WebhookSignature.HeaderName}: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\">",
            SignatureCheck.Malformed => $"{WebhookSignature.HeaderName} must read t=<unix seconds>,v1=<64 hex digits>",
            SignatureCheck.OutsideWindow => "the signature's timestamp is more than 5 minutes from the server's time (a replay, or a skewed clock)",
            _ => "the signature does not match the body",
        };
    }
}
