using Toolflow.Core.Validation;
using Toolflow.Core.Validation.Formats;

namespace Toolflow.Core.Contracts.Common;

/// <summary>The field checks the request contracts share; each adds a problem and never throws.</summary>
public sealed partial class RequestChecks
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

    private RequestChecks Missing(string pointer)
    {
        Add(pointer, "is required");
        return this;
    }
}
