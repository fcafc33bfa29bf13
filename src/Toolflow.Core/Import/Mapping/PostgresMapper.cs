using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Toolflow.Core.Import.Mapping;

/// <summary>
/// Postgres "Execute Query" → db.query. n8n pasted <c>{{ }}</c> results into the SQL text; here each
/// becomes an <c>@pN</c> parameter (quotes around it dropped), which is safer and means the same.
/// </summary>
internal sealed partial class PostgresMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.postgres"];

    public NodeMapping Map(MappingContext context)
    {
        var operation = context.Text("operation") ?? "executeQuery";
        var query = context.Text("query");
        if (operation != "executeQuery" || query is null)
        {
            return context.Unsupported($"Postgres operation '{operation}' is not a plain query; write its SQL in db.query");
        }

        if (context.Text(context.Parameters["options"].Get("queryReplacement")) is { Length: > 0 })
        {
            return context.Unsupported("it uses positional query replacements ($1, $2…)");
        }

        var parameters = new JsonObject();
        var sql = query.StartsWith('=')
            ? Interpolation().Replace(query[1..], m =>
            {
                var name = "p" + (parameters.Count + 1).ToString(CultureInfo.InvariantCulture);
                parameters[name] = context.Template("={{ " + m.Groups["code"].Value + " }}");
                return "@" + name;
            })
            : query;
        context.Warnings.Add("n8n emitted one item per row; db.query outputs { rows, rowCount } and references read the first row");
        var config = new JsonObject { ["sql"] = Expressions.ValueConverter.EscapeLiteral(sql) };
        if (parameters.Count > 0)
        {
            config["parameters"] = parameters;
        }

        return NodeMapping.To("db.query", config);
    }

    [GeneratedRegex(@"'?\{\{(?<code>.+?)\}\}'?", RegexOptions.Singleline)]
    private static partial Regex Interpolation();
}
