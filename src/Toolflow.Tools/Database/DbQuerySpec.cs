using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolflow.Tools.Credentials;

namespace Toolflow.Tools.Database;

/// <summary>A node's <c>db.query</c> config after expressions were resolved, checked and normalised.</summary>
public sealed partial record DbQuerySpec
{
    private const int MaxParameters = 1000;

    public required string Sql { get; init; }

    /// <summary>Parameter values by name (without the leading @), still as JSON; bound, never spliced into the SQL.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; } = new Dictionary<string, JsonNode?>();

    public required int MaxRows { get; init; }

    public required TimeSpan Timeout { get; init; }

    /// <summary>Run in a read-only transaction (PostgreSQL) or open the file read-only (SQLite).</summary>
    public bool ReadOnly { get; init; }

    public static DbQuerySpec From(JsonObject config, DbToolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fields = JsonFields.Config(config, "db.query");
        var sql = fields.Text("sql", options.MaxSqlChars);
        if (string.IsNullOrWhiteSpace(sql))
        {
            throw fields.Fail("sql is required");
        }

        var parameters = ReadParameters(fields);
        foreach (var used in SqlParameterScanner.Names(sql))
        {
            if (!parameters.ContainsKey(used))
            {
                throw fields.Fail($"sql uses @{used} but parameters has no '{used}'");
            }
        }

        return new DbQuerySpec
        {
            Sql = sql,
            Parameters = parameters,
            MaxRows = (int)(fields.Integer("maxRows", 1, options.MaxRowsLimit) ?? options.DefaultMaxRows),
            Timeout = TimeSpan.FromMilliseconds(fields.Integer("timeoutMs", 1, options.MaxTimeoutMs) ?? options.DefaultTimeoutMs),
            ReadOnly = fields.Flag("readOnly") ?? false,
        };
    }

    private static Dictionary<string, JsonNode?> ReadParameters(JsonFields fields)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (fields["parameters"] is null)
        {
            return result;
        }

        if (fields["parameters"] is not JsonObject given)
        {
            throw fields.Fail("parameters must be an object of names to values");
        }

        if (given.Count > MaxParameters)
        {
            throw fields.Fail($"parameters may hold at most {MaxParameters} entries");
        }

        foreach (var (key, value) in given)
        {
            var name = key.StartsWith('@') ? key[1..] : key;
            if (!Name().IsMatch(name))
            {
                throw fields.Fail("parameters holds a name that is not a letter or _ followed by up to 62 letters, digits or _");
            }

            if (!result.TryAdd(name, value))
            {
                throw fields.Fail($"parameters names '{name}' twice");
            }
        }

        return result;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
