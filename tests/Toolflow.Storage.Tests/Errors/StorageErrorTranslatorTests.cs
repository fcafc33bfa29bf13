using Microsoft.Data.Sqlite;
using Toolflow.Storage.Errors;

namespace Toolflow.Storage.Tests.Errors;

public sealed class StorageErrorTranslatorTests
{
    [Theory]
    [InlineData(2067, "UNIQUE constraint failed: index 'users_email_lower_key'", ConstraintKind.Unique, "users_email_lower_key")]
    [InlineData(2067, "UNIQUE constraint failed: jobs.unique_key", ConstraintKind.Unique, "jobs.unique_key")]
    [InlineData(1555, "UNIQUE constraint failed: users.id", ConstraintKind.Unique, "users.id")]
    [InlineData(275, "CHECK constraint failed: template_ratings_stars_check", ConstraintKind.Check, "template_ratings_stars_check")]
    [InlineData(1299, "NOT NULL constraint failed: users.email", ConstraintKind.NotNull, "users.email")]
    [InlineData(787, "FOREIGN KEY constraint failed", ConstraintKind.ForeignKey, null)]
    public void TryTranslate_SqliteConstraintError_GivesKindAndName(int extendedCode, string detail, ConstraintKind kind, string? name)
    {
        var sqlite = new SqliteException($"SQLite Error 19: '{detail}'.", 19, extendedCode);

        Assert.True(StorageErrorTranslator.TryTranslate(sqlite, out var violation));

        Assert.Equal(kind, violation.Kind);
        Assert.Equal(name, violation.ConstraintName);
        Assert.Same(sqlite, violation.InnerException);
    }

    [Fact]
    public void TryTranslate_ConstraintErrorWrappedByAnotherLayer_IsFoundInside()
    {
        var wrapped = new InvalidOperationException("An error occurred while saving the entity changes.",
            new SqliteException("SQLite Error 19: 'CHECK constraint failed: jobs_status_check'.", 19, 275));

        Assert.True(StorageErrorTranslator.TryTranslate(wrapped, out var violation));
        Assert.Equal("jobs_status_check", violation.ConstraintName);
    }

    [Fact]
    public void Translate_ErrorThatIsNotAConstraintViolation_IsAPlainStorageException()
    {
        var busy = new SqliteException("SQLite Error 5: 'database is locked'.", 5, 5);

        var error = StorageErrorTranslator.Translate(busy);

        Assert.IsNotType<ConstraintViolationException>(error);
        Assert.Same(busy, error.InnerException);
        Assert.False(StorageErrorTranslator.TryTranslate(busy, out _));
    }
}
