using Toolflow.Tools.Credentials;
using Toolflow.Tools.Llm;

namespace Toolflow.Tools.Integration;

/// <summary><c>llm.chat</c> as a node; tokens and cost go to the execution's resource usage.</summary>
public sealed class LlmChatTool(LlmChatRunner runner, ICredentialResolver credentials) : ITool
{
    public string Name => "llm.chat";

    public async ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var secret = await CredentialLookup.FindAsync<LlmSecret>(credentials, invocation, Name, "an openai or ollama", cancellationToken);
        var result = await runner.ChatAsync(invocation.Config, secret, cancellationToken);
        return ToolOutcome.Completed(OutputRedaction.Redact(result.Output, secret)) with
        {
            Usage = new ResourceUsage
            {
                InputTokens = result.Usage.InputTokens,
                OutputTokens = result.Usage.OutputTokens,
                CostUsd = result.Usage.CostUsd,
            },
        };
    }
}
