using System.Threading.RateLimiting;
using Toolflow.Server.Auth;

namespace Toolflow.Server.Hosting;

/// <summary>
/// One fixed window per API key (not per IP: many users may share a NAT, one key is one client).
/// Unauthenticated requests are not limited here — they are refused by authentication anyway.
/// </summary>
internal static class RateLimiting
{
    /// <summary>Public links are anonymous: each token gets its own window (<see cref="RateLimitOptions.SharedLinkPermitsPerMinute"/>).</summary>
    public const string SharedLinkPolicy = "shared-link";

    /// <summary>Each webhook gets its own window (<see cref="RateLimitOptions.WebhookPermitsPerMinute"/>, off by default).</summary>
    public const string WebhookPolicy = "webhook";

    public static IServiceCollection AddToolflowRateLimiting(this IServiceCollection services, ApiOptions api)
    {
        services.AddSingleton(_ => new FailedSignIns(api.RateLimit)); // made by the container, so disposed with it (its limiters run timers)
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                api.RateLimit.PermitsPerMinute > 0 && http.User.KeyId() is { } key
                    ? RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = api.RateLimit.PermitsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.AddPolicy(SharedLinkPolicy, http =>
                api.RateLimit.SharedLinkPermitsPerMinute > 0 && http.GetRouteValue("token") is string token
                    // Partitioned by the token's hash: the limiter's keys never hold a usable token.
                    ? RateLimitPartition.GetFixedWindowLimiter(Toolflow.Storage.Repositories.Shares.ShareTokens.Hash(token), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = api.RateLimit.SharedLinkPermitsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.AddPolicy(WebhookPolicy, http =>
                api.RateLimit.WebhookPermitsPerMinute > 0 && http.GetRouteValue("hookId") is string hookId && Toolflow.Storage.Triggers.HookIds.IsWellFormed(hookId)
                    // By the id's hash, as links by their token's: the hook id is the hook's credential.
                    ? RateLimitPartition.GetFixedWindowLimiter(Toolflow.Storage.Repositories.Shares.ShareTokens.Hash(hookId), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = api.RateLimit.WebhookPermitsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    http.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
                }

                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests",
                        Detail = http.GetRouteValue("token") is not null
                            ? $"this link may be used {api.RateLimit.SharedLinkPermitsPerMinute} times a minute"
                            : http.GetRouteValue("hookId") is not null
                                ? $"this webhook may be called {api.RateLimit.WebhookPermitsPerMinute} times a minute"
                                : $"this API key may make {api.RateLimit.PermitsPerMinute} requests a minute",
                    },
                });
            };
        });
        return services;
    }

    /// <summary>A <c>Retry-After</c> value: whole seconds, rounded up, at least one.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
