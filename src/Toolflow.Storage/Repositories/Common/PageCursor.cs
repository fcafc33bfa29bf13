using System.Buffers.Text;
using System.Text.Json;

namespace Toolflow.Storage.Repositories;

/// <summary>
/// An opaque keyset position: the sort it belongs to, the last row's sort value (as text) and
/// its id. Keyset rather than offset, so rows inserted meanwhile never shift a page.
/// </summary>
internal sealed record PageCursor(string Sort, string? Value, Guid Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, StorageJson.Default.PageCursor));

    /// <summary>The cursor, null for the first page; a cursor of another sort or garbage is a validation error.</summary>
    public static PageCursor? Decode(string? text, string expectedSort)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        PageCursor? cursor;
        try
        {
            cursor = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(text), StorageJson.Default.PageCursor);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw ValidationFailedException.For("/cursor", "is not a cursor this server issued");
        }

        if (cursor is null || cursor.Sort != expectedSort)
        {
            throw ValidationFailedException.For("/cursor", "belongs to another listing or sort");
        }

        return cursor;
    }
}

/// <summary>One page of a listing; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Page size rules shared by every listing: default 50, at most 100.</summary>
internal static class PageSize
{
    public const int Default = 50;
    public const int Max = 100;

    public static int Of(int? limit)
    {
        if (limit is < 1 or > Max)
        {
            throw ValidationFailedException.For("/limit", $"must be between 1 and {Max}");
        }

        return limit ?? Default;
    }
}
