using Toolflow.Core.Definitions;

namespace Toolflow.Storage.Repositories.Users;

public sealed record UserRecord(Guid Id, string Email, string DisplayName, UserRole Role, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public Caller AsCaller() => new(Id, Role);

    internal const string Columns = "id, email, display_name, role, created_at, updated_at";

    internal static UserRecord Read(RowReader row) => new(
        row.Guid("id"), row.String("email"), row.String("display_name"),
        SqlText.Parse<UserRole>(row.String("role")), row.Time("created_at"), row.Time("updated_at"));
}
