using System.Text.Json.Nodes;

namespace Toolflow.Storage.Repositories.Templates;

/// <summary>
/// A workflow template: a definition with <c>{{ params.* }}</c> placeholders (kept as JSON, since a
/// placeholder may stand where a definition expects a number), its parameter schema and its standing.
/// </summary>
public sealed record TemplateRecord
{
    public required Guid Id { get; init; }
    public Guid? AuthorId { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required string Category { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required JsonObject Definition { get; init; }
    public required JsonObject Parameters { get; init; }
    public long UsageCount { get; init; }
    public double? RatingAvg { get; init; }
    public int RatingCount { get; init; }
    public bool IsPublished { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    internal const string Columns =
        "t.id, t.author_id, t.name, t.description, t.category, t.tags, t.definition, t.parameters, t.usage_count, t.rating_avg, " +
        "t.rating_count, t.is_published, t.published_at, t.created_at, t.updated_at";

    internal static TemplateRecord Read(RowReader row) => new()
    {
        Id = row.Guid("id"),
        AuthorId = row.NullableGuid("author_id"),
        Name = row.String("name"),
        Description = row.NullableString("description"),
        Category = row.String("category"),
        Tags = row.Tags("tags"),
        Definition = row.Json("definition") as JsonObject ?? [],
        Parameters = row.Json("parameters") as JsonObject ?? [],
        UsageCount = row.Long("usage_count"),
        RatingAvg = row.NullableDouble("rating_avg"),
        RatingCount = row.Int("rating_count"),
        IsPublished = row.Bool("is_published"),
        PublishedAt = row.NullableTime("published_at"),
        CreatedAt = row.Time("created_at"),
        UpdatedAt = row.Time("updated_at"),
    };
}

/// <summary>What creating or (whole) replacing a template takes.</summary>
public sealed record TemplateInput(string Name, JsonObject Definition)
{
    public string? Description { get; init; }
    public string Category { get; init; } = "general";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public JsonObject? Parameters { get; init; }
}

public enum TemplateSort
{
    Rating,
    Usage,
    Recency,
}

/// <summary>GET /templates: everything the caller may see (published, or theirs), best first.</summary>
public sealed record TemplateListQuery
{
    public string? Category { get; init; }
    public string? Tag { get; init; }
    public string? Query { get; init; }
    public bool? Published { get; init; }
    public Guid? AuthorId { get; init; }
    public TemplateSort Sort { get; init; } = TemplateSort.Recency;
    public string? Cursor { get; init; }
    public int? Limit { get; init; }
}
