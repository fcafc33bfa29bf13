using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories;

/// <summary>
/// Who is asking. Every read or write of something a user may or may not see takes one, so the
/// visibility rule (owner, a live share, or the admin role) is applied in SQL, in one place.
/// </summary>
public sealed record Caller(Guid UserId, UserRole Role)
{
    public bool IsAdmin => Role == UserRole.Admin;

    public static Caller Member(Guid userId) => new(userId, UserRole.Member);

    public static Caller Admin(Guid userId) => new(userId, UserRole.Admin);
}
