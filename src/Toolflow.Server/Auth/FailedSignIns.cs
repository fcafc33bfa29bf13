using System.Net;
using System.Threading.RateLimiting;
using Toolflow.Server.Hosting;

namespace Toolflow.Server.Auth;

/// <summary>
/// Counts failed sign-ins — a bad key on the UI's sign-in form or as an API bearer key — in fixed
/// one-minute windows per client address and per key prefix (the "account": the prefix names one key),
/// with System.Threading.RateLimiting, the library of the request limits in <see cref="RateLimiting"/>.
/// The request limiter counts every request; this one only failures, so a window is spent by failures
/// alone and a client whose keys are good is never slowed down. Once a window is spent, every attempt
/// in it is refused — the good key too, or guessing would go on unhindered.
/// </summary>
internal sealed class FailedSignIns : IDisposable
{
    private readonly PartitionedRateLimiter<string>? byAddress;
    private readonly PartitionedRateLimiter<string>? byKey;

    public FailedSignIns(RateLimitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        byAddress = Limiter(options.FailedSignInsPerAddressPerMinute);
        byKey = Limiter(options.FailedSignInsPerKeyPerMinute);
    }

    /// <summary>How long until an attempt from <paramref name="address"/> with the key <paramref name="keyPrefix"/> may be tried; null: now.</summary>
    public TimeSpan? Refusal(IPAddress? address, string? keyPrefix)
    {
        var wait = Spent(byAddress, ClientAddress.PartitionKey(address));
        if (keyPrefix is not null && Spent(byKey, keyPrefix) is { } keyWait)
        {
            wait = wait is { } addressWait && addressWait > keyWait ? addressWait : keyWait;
        }

        return wait;
    }

    /// <summary>Counts one failure against the address and, when the key had a well-formed prefix, against that key.</summary>
    public void Record(IPAddress? address, string? keyPrefix)
    {
        byAddress?.AttemptAcquire(ClientAddress.PartitionKey(address)).Dispose();
        if (keyPrefix is not null)
        {
            byKey?.AttemptAcquire(keyPrefix).Dispose();
        }
    }

    public void Dispose()
    {
        byAddress?.Dispose();
        byKey?.Dispose();
    }

    /// <summary>Asking for zero permits takes none: it only says whether the window has any left.</summary>
    private static TimeSpan? Spent(PartitionedRateLimiter<string>? limiter, string partition)
    {
        if (limiter is null)
        {
            return null;
        }

        using var probe = limiter.AttemptAcquire(partition, 0);
        if (probe.IsAcquired)
        {
            return null;
        }

        return probe.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    private static PartitionedRateLimiter<string>? Limiter(int perMinute) => perMinute <= 0
        ? null
        : PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
}
