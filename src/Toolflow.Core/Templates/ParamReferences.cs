using Acornima;
using Acornima.Ast;

namespace Toolflow.Core.Templates;

/// <summary>
/// Finds <c>params.x</c> and <c>params["x"]</c> in one expression, by its syntax tree rather than
/// by text, so a <c>"params.x"</c> inside a string literal is left alone.
/// </summary>
internal static class ParamReferences
{
    public const string Root = "params";

    /// <summary>Each reference with its source range in <paramref name="code"/>, last first (so replacing keeps earlier ranges valid).</summary>
    public static IReadOnlyList<ParamReference> Find(string code)
    {
        var expression = new Parser().ParseExpression(code);
        var finder = new Finder();
        finder.Visit(expression);
        return [.. finder.Found.OrderByDescending(r => r.Start)];
    }

    private sealed class Finder : AstVisitor
    {
        public List<ParamReference> Found { get; } = [];

        protected override object? VisitMemberExpression(MemberExpression node)
        {
            // params.a.b[0]: the whole chain of constant keys is one reference, so the value can be looked up
            // at instantiation (a raw value) instead of leaving an expression over a folded-in literal.
            if (node.Object is not Identifier && Chain(node) is { } chain)
            {
                Found.Add(chain);
                return node;
            }

            if (node.Object is Identifier { Name: Root })
            {
                var name = node switch
                {
                    { Computed: false, Property: Identifier property } => property.Name,
                    { Computed: true, Property: StringLiteral literal } => literal.Value,
                    _ => null,
                };
                if (name is not null)
                {
                    Found.Add(new ParamReference(name, node.Range.Start, node.Range.End));
                    return node;
                }
            }

            // obj.params is a property name, not the parameters: only computed properties are expressions.
            Visit(node.Object);
            if (node.Computed)
            {
                Visit(node.Property);
            }

            return node;
        }

        /// <summary>The reference for a chain <c>params.x.k1[k2]…</c> of constant keys, or null when <paramref name="node"/> is not one.</summary>
        private static ParamReference? Chain(MemberExpression node)
        {
            var path = new List<string>();
            Expression current = node;
            while (current is MemberExpression member && Key(member) is { } key)
            {
                path.Insert(0, key);
                if (member.Object is Identifier { Name: Root } && current != node)
                {
                    return new ParamReference(key, node.Range.Start, node.Range.End)
                    {
                        Path = path[1..],
                        NameEnd = member.Range.End,
                    };
                }

                current = member.Object;
            }

            return null;
        }

        private static string? Key(MemberExpression member) => member switch
        {
            { Computed: false, Property: Identifier property } => property.Name,
            { Computed: true, Property: StringLiteral literal } => literal.Value,
            { Computed: true, Property: NumericLiteral number } when number.Value is >= 0 and <= int.MaxValue && number.Value == Math.Floor(number.Value) =>
                ((int)number.Value).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };

        protected override object? VisitIdentifier(Identifier node)
        {
            // A bare "params" (e.g. Object.keys(params)) cannot be folded to one value.
            if (node.Name == Root)
            {
                Found.Add(new ParamReference(null, node.Range.Start, node.Range.End));
            }

            return node;
        }
    }
}

/// <summary>One use of the template parameters; <see cref="Name"/> is null for a bare <c>params</c>.</summary>
internal sealed record ParamReference(string? Name, int Start, int End)
{
    /// <summary>Constant keys read after <c>params.Name</c> (<c>params.opts.deep</c>: <c>["deep"]</c>); empty for <c>params.Name</c> alone.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>Where <c>params.Name</c> itself ends (before <see cref="Path"/>), for folding only the parameter when the path cannot be followed.</summary>
    public int NameEnd { get; init; } = End;
}
