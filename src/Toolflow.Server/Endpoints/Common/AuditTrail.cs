using System.Security.Claims;
using System.Text.Json.Nodes;
using Toolflow.Server.Auth;
using Toolflow.Storage.Repositories;
using Toolflow.Storage.Repositories.Audit;

namespace Toolflow.Server.Endpoints.Common;

/// <summary>One audit line per change: who (user and key prefix label), what, which object, from where.</summary>
internal static class AuditTrail
{
    public static Task RecordAsync(
        this ToolflowRepositories repositories, HttpContext http, string action, string objectType, object? objectId, JsonObject? details = null)
    {
        var user = http.User;
        Guid? actor = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
        return repositories.Audit.AppendAsync(
            new AuditEntry
            {
                ActorUserId = actor,
                ActorLabel = user.FindFirstValue(ClaimTypes.Name),
                Action = action,
                ObjectType = objectType,
                ObjectId = objectId?.ToString(),
                IpAddress = http.Connection.RemoteIpAddress?.ToString(),
                UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 500),
                Details = details ?? (user.KeyId() is { } key ? new JsonObject { ["apiKeyId"] = key } : null),
            },
            CancellationToken.None);
    }

    private static string? Truncate(string value, int max) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= max ? value : value[..max];
}
