using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima;

namespace Toolflow.Core.Import.Mapping;

/// <summary>Code / Function / Function Item (JavaScript) → code.javascript, wrapped by <see cref="CodeShim"/>.</summary>
internal sealed partial class CodeMapper : IN8nNodeMapper
{
    public IReadOnlyList<string> Types { get; } = ["n8n-nodes-base.code", "n8n-nodes-base.function", "n8n-nodes-base.functionItem"];

    public NodeMapping Map(MappingContext context)
    {
        var language = context.Text("language") ?? "javaScript";
        if (language != "javaScript")
        {
            return context.Unsupported($"the code is written in {language}");
        }

        var functionItem = context.Node.Type == "n8n-nodes-base.functionItem";
        var code = context.Text("jsCode") ?? context.Text("functionCode") ?? "";
        var unsupported = Unsupported().Match(code);
        if (unsupported.Success)
        {
            return NodeMapping.Unconverted(Report.UnconvertedKind.ExpressionWithoutEquivalent,
                $"the code uses '{unsupported.Value.Trim()}', which has no Toolflow equivalent");
        }

        var perItem = context.Text("mode") == "runOnceForEachItem";
        var wrapped = CodeShim.Wrap(context, code, perItem, functionItem);
        try
        {
            new Parser().ParseScript("(function () {\n" + wrapped + "\n})");
        }
        catch (ParseErrorException ex)
        {
            return context.Unsupported($"the code does not parse as JavaScript: {ex.Description}");
        }

        return NodeMapping.To("code.javascript", new JsonObject { ["code"] = Expressions.ValueConverter.EscapeLiteral(wrapped) });
    }

    [GeneratedRegex(@"\$binary\b|\.binary\b|\$env\b|\$vars\b|\$getWorkflowStaticData\b|\$items\s*\(|this\s*\.\s*helpers|require\s*\(|\$prevNode\b|\$runIndex\b|\$jmespath\b|\$evaluateExpression\b|\$execution\b|\$workflow\b|(?<![\w$.])DateTime\b|\$now\b|\$today\b|\$fromAI\b|\bawait\b")]
    private static partial Regex Unsupported();
}
