using System.Text.Json;
using System.Text.Json.Nodes;
using Toolflow.Core.Validation;
using Toolflow.Core.Validation.Formats;
using Toolflow.Core.Validation.Schemas;

namespace Toolflow.Core.Contracts.Common;

/// <summary>The checks of formats that need more than a length: cron, time zone, time, tags, JSON Schema.</summary>
public sealed partial class RequestChecks
{
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
}
