using Toolflow.Tools.Database;
using Toolflow.Tools.Email;
using Toolflow.Tools.Http;
using Toolflow.Tools.Llm;

namespace Toolflow.Tools.Integration;

/// <summary>
/// The tools with a network peer — http.request, email.send, db.query, llm.chat — sharing one
/// SSRF address policy and one guarded connection pool. Dispose it with the host.
/// </summary>
public sealed class IntegrationTools : IDisposable
{
    private readonly SocketsHttpHandler handler;
    private readonly HttpMessageInvoker invoker;

    public IntegrationTools(IntegrationToolOptions options, ICredentialResolver credentials)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        var policy = new AddressPolicy(options.Http);
        handler = GuardedHttpHandler.Create(policy);
        invoker = new HttpMessageInvoker(handler, disposeHandler: false);
        Tools =
        [
            new HttpRequestTool(new HttpRequestRunner(invoker, options.Http), options.Http, credentials),
            new EmailSendTool(new EmailSender(policy), credentials),
            new DbQueryTool(new DbQueryRunner(options.Database, policy), credentials),
            new LlmChatTool(new LlmChatRunner(handler, options.Llm), credentials),
        ];
    }

    public IReadOnlyList<ITool> Tools { get; }

    /// <summary><paramref name="registry"/> with these tools added.</summary>
    public ToolRegistry AddTo(ToolRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return Tools.Aggregate(registry, (all, tool) => all.With(tool));
    }

    public void Dispose()
    {
        invoker.Dispose();
        handler.Dispose();
    }
}
