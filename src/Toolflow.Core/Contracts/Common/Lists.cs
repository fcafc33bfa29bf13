using System.Text.Json.Serialization;
using Toolflow.Core.Validation;

namespace Toolflow.Core.Contracts.Common;

/// <summary>Every list answers <c>{ "items": [ … ], "nextCursor": "…" | null }</c> (SPEC §4).</summary>
public sealed record ListResponse<T>(
    IReadOnlyList<T> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor); // null is written: the last page says so


/// <summary><c>?cursor=…&amp;limit=…</c>: an opaque cursor from the previous page and at most 100 items.</summary>
public sealed record PageRequest(string? Cursor, int? Limit) : IValidatedRequest
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    public int EffectiveLimit => Limit ?? DefaultLimit;

    public IReadOnlyList<ValidationProblem> Validate(TimeProvider clock) => new RequestChecks()
        .Range("/limit", Limit, 1, MaxLimit, required: false)
        .Text("/cursor", Cursor, 500, required: false)
        .Problems;
}
