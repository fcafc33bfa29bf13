using System.Net;
using System.Text.Json;

namespace Toolflow.Server.Web.Client;

/// <summary>
/// The answer of one API call as the UI needs it: the value, or the problem (status, title, detail and
/// the validation errors keyed by JSON pointer) so a page can put each message on its field.
/// </summary>
public sealed record ApiResult<T>(T? Value, ApiProblem? Problem, string? ETag = null)
{
    public bool Ok => Problem is null;

    public static ApiResult<T> Success(T value, string? etag = null) => new(value, null, etag);

    public static ApiResult<T> Failure(ApiProblem problem) => new(default, problem);
}

public sealed record ApiProblem(HttpStatusCode Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsConflict => Status is HttpStatusCode.PreconditionFailed;

    public bool IsNotYetAvailable => Status is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented;

    /// <summary>One line for a banner: the detail, or the title.</summary>
    public string Summary => string.IsNullOrWhiteSpace(Detail) ? Title : Detail;

    public static ApiProblem Parse(HttpStatusCode status, string body)
    {
        var title = status.ToString();
        string? detail = null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : title;
                detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in e.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? [.. field.Value.EnumerateArray().Select(m => m.ToString())]
                            : [field.Value.ToString()];
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's page, say): the status alone says enough.
        }

        return new ApiProblem(status, title, detail, errors);
    }
}
