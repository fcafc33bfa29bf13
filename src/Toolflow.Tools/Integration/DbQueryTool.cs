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
        var secret = await CredentialLookup.RequireAsync(credentials, invocation, Name, cancellationToken);
        if (secret is not DbSecret database)
        {
            throw new ToolFailureException("invalid_credential", $"db.query needs a postgres or sqlite credential; '{invocation.Credential}' is not one", retryable: false);
        }

        return ToolOutcome.Completed(await runner.RunAsync(invocation.Config, database, cancellationToken));
    }
}
