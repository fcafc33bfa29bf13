namespace Toolflow.Storage.Repositories;

/// <summary>
/// Input checks run before any SQL, so a bad request writes nothing and names the field.
/// The limits are the product's, not the schema's: they keep a row printable and indexable.
/// </summary>
internal sealed class Check
{
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 10_000;
    public const int MaxTags = 50;
    public const int MaxTagLength = 64;

    private readonly Dictionary<string, string> _errors = new(StringComparer.Ordinal);

    public Check Name(string pointer, string? value, int max = MaxNameLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors.TryAdd(pointer, "is required");
        }
        else if (value.Length > max)
        {
            _errors.TryAdd(pointer, $"is longer than {max} characters");
        }

        return this;
    }

    public Check Optional(string pointer, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            _errors.TryAdd(pointer, $"is longer than {max} characters");
        }

        return this;
    }

    public Check Tags(string pointer, IReadOnlyList<string>? tags)
    {
        if (tags is null)
        {
            return this;
        }

        if (tags.Count > MaxTags)
        {
            _errors.TryAdd(pointer, $"has more than {MaxTags} tags");
        }

        for (var i = 0; i < tags.Count; i++)
        {
            Name($"{pointer}/{i}", tags[i], MaxTagLength);
        }

        return this;
    }

    public Check Enum<T>(string pointer, T value)
        where T : struct, System.Enum
    {
        if (!System.Enum.IsDefined(value))
        {
            _errors.TryAdd(pointer, $"'{value}' is not a known {typeof(T).Name}");
        }

        return this;
    }

    /// <summary>A host binding: at most <see cref="Toolflow.Core.Contracts.Credentials.CredentialHosts.MaxHosts"/> valid entries, each keyed by its index.</summary>
    public Check Hosts(string pointer, IReadOnlyList<string> hosts)
    {
        if (hosts.Count > Toolflow.Core.Contracts.Credentials.CredentialHosts.MaxHosts)
        {
            _errors.TryAdd(pointer, $"may hold at most {Toolflow.Core.Contracts.Credentials.CredentialHosts.MaxHosts} hosts");
            return this;
        }

        for (var i = 0; i < hosts.Count; i++)
        {
            if (Toolflow.Core.Contracts.Credentials.CredentialHosts.Problem(hosts[i]) is { } problem)
            {
                _errors.TryAdd($"{pointer}/{i}", problem);
            }
        }

        return this;
    }

    public Check That(bool condition, string pointer, string message)
    {
        if (!condition)
        {
            _errors.TryAdd(pointer, message);
        }

        return this;
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors);
        }
    }
}
