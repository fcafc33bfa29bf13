using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Validation;
using Toolflow.Core.Validation.Formats;
using Toolflow.Core.Validation.Schemas;

namespace Toolflow.Core.Contracts.Common;

/// <summary>The field checks the request contracts share; each adds a problem and never throws.</summary>
public sealed class RequestChecks
{
    private readonly ProblemList _problems = new();

    public IReadOnlyList<ValidationProblem> Problems => _problems.ToList();

    public bool Ok => _problems.Count == 0;

    public void Add(string pointer, string message) => _problems.Add(pointer, message);

    public RequestChecks Text(string pointer, string? value, int maxLength, bool required = true)
    {
        if (value is null || value.Length == 0)
        {
            if (required)
            {
                Add(pointer, "is required");
            }
        }
        else if (string.IsNullOrWhiteSpace(value))
        {
            Add(pointer, "must not be blank");
        }
        else if (value.Length > maxLength)
        {
            Add(pointer, $"must be at most {maxLength} characters (it has {value.Length})");
        }

        return this;
    }

    public RequestChecks Email(string pointer, string? value, bool required = true)
    {
        if (value is null)
        {
            return required ? Missing(pointer) : this;
        }

        if (!FormatChecks.IsEmail(value))
        {
            Add(pointer, $"'{value}' is not a valid e-mail address");
        }

        return this;
    }

    public RequestChecks Uuid(string pointer, Guid? value, bool required = true)
    {
        if (value is null && required)
        {
            Add(pointer, "is required");
        }
        else if (value == Guid.Empty)
        {
            Add(pointer, "must not be the empty UUID");
        }

        return this;
    }

    public RequestChecks Range(string pointer, long? value, long min, long max, bool required = true)
    {
        if (value is null)
        {
            return required ? Missing(pointer) : this;
        }

        if (value < min || value > max)
        {
            Add(pointer, $"must be between {min} and {max} (it is {value})");
        }

        return this;
    }

    public RequestChecks Present<T>(string pointer, T? value)
        where T : struct => value is null ? Missing(pointer) : this;

    public RequestChecks Present(string pointer, object? value) => value is null ? Missing(pointer) : this;

    public RequestChecks Cron(string pointer, string? value, bool required = true)
    {
        if (value is null)
        {
            return required ? Missing(pointer) : this;
        }

        if (CronCheck.FindError(value) is { } error)
        {
            Add(pointer, error);
        }

        return this;
    }

    public RequestChecks TimeZone(string pointer, string? value, bool required = false)
    {
        if (value is null)
        {
            return required ? Missing(pointer) : this;
        }

        if (!FormatChecks.IsTimeZone(value))
        {
            Add(pointer, $"unknown time zone '{value}' (use an IANA name such as 'Europe/Paris' or 'UTC')");
        }

        return this;
    }

    public RequestChecks InFuture(string pointer, DateTimeOffset? value, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (value is { } time && time <= clock.GetUtcNow())
        {
            Add(pointer, "must lie in the future");
        }

        return this;
    }

    /// <summary>Tags: at most <see cref="WorkflowLimits.MaxTags"/>, each non-blank and short, no repeats.</summary>
    public RequestChecks Tags(string pointer, IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return this;
        }

        if (tags.Count > WorkflowLimits.MaxTags)
        {
            Add(pointer, $"must have at most {WorkflowLimits.MaxTags} tags");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tags.Count; i++)
        {
            Text(JsonPointers.Append(pointer, i), tags[i], WorkflowLimits.MaxTagLength);
            if (tags[i] is not null && !seen.Add(tags[i]))
            {
                Add(JsonPointers.Append(pointer, i), $"tag '{tags[i]}' is repeated");
            }
        }

        return this;
    }

    /// <summary>The value must itself be a JSON Schema (draft 2020-12).</summary>
    public RequestChecks JsonSchema(string pointer, JsonObject? schema, bool required = false)
    {
        if (schema is null)
        {
            return required ? Missing(pointer) : this;
        }

        SchemaDocumentCheck.Check(JsonSerializer.SerializeToElement(schema, ContractsJsonContext.Default.JsonObject), pointer, _problems);
        return this;
    }

    private RequestChecks Missing(string pointer)
    {
        Add(pointer, "is required");
        return this;
    }
}
