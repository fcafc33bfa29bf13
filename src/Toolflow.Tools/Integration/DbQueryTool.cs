using Toolflow.Tools.Credentials;
using Toolflow.Tools.Database;

namespace Toolflow.Tools.Integration;

/// <summary><c>db.query</c> as a node, against the PostgreSQL or SQLite database its credential names.</summary>
public sealed class DbQueryTool(DbQueryRunner runner, ICredentialResolver credentials) : ITool
{
    public string Name => "db.query";

    public bool HasSideEffects => true;

    public async ValueTask<ToolOutcome> ExecuteAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var database = await CredentialLookup.RequireAsync<DbSecret>(credentials, invocation, Name, "a postgres or sqlite", cancellationToken);

        return ToolOutcome.Completed(OutputRedaction.Redact(await runner.RunAsync(invocation.Config, database, cancellationToken), database));
    }
}
