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
internal sealed record ParamReference(string? Name, int Start, int End);
