using Toolflow.Tools.Credentials;
using Toolflow.Tools.Email;

namespace Toolflow.Tools.Integration;

/// <summary><c>email.send</c> as a node: the node's SMTP credential, and the idempotency key as the Message-ID.</summary>
public sealed class EmailSendTool(EmailSender sender, ICredentialResolver credentials) : ITool
{
    public string Name => "email.send";

    public bool HasSideEffects => true;

    public async ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var smtp = await CredentialLookup.RequireAsync<SmtpSecret>(credentials, invocation, Name, "an smtp", cancellationToken);

        var key = invocation.IdempotencyKey ?? $"{invocation.ExecutionId}:{invocation.NodeId}:{invocation.ItemIndex ?? 0}";
        return ToolOutcome.Completed(OutputRedaction.Redact(await sender.SendAsync(invocation.Config, smtp, key, cancellationToken), smtp));
    }
}
