using Toolflow.Core.Validation;
using Toolflow.Core.Validation.Schemas;
using Toolflow.Tools.Catalog;

namespace Toolflow.Core.Tests.Catalog;

public sealed class BuiltInToolDescriptorsTests
{
    private static readonly string[] SpecTools =
    [
        "data.set", "data.template", "code.javascript", "flow.condition", "flow.switch", "flow.merge", "flow.fail",
        "flow.delay", "flow.approval", "flow.subworkflow", "http.request", "llm.chat", "email.send", "db.query",
    ];

    [Fact]
    public void Catalog_HasExactlyTheToolsOfTheSpec() =>
        Assert.Equal(SpecTools.Order(StringComparer.Ordinal), ToolCatalog.BuiltIn.All.Select(t => t.Name));

    [Fact]
    public void Find_IsExactAndCaseSensitive()
    {
        Assert.NotNull(ToolCatalog.BuiltIn.Find("http.request"));
        Assert.Null(ToolCatalog.BuiltIn.Find("HTTP.request"));
    }

    [Fact]
    public void RegisteringTheSameNameTwice_Throws() =>
        Assert.Throws<ArgumentException>(() => new ToolCatalog([.. BuiltInToolDescriptors.All, BuiltInToolDescriptors.All[0]]));

    [Fact]
    public void EveryDescriptor_HasAValidConfigSchema_AndOutputSchema_AndAnExampleThatPasses()
    {
        foreach (var tool in ToolCatalog.BuiltIn.All)
        {
            var problems = new ProblemList();
            SchemaDocumentCheck.Check(System.Text.Json.JsonSerializer.SerializeToElement(tool.ConfigSchema), "/config", problems);
            SchemaDocumentCheck.Check(System.Text.Json.JsonSerializer.SerializeToElement(tool.OutputSchema), "/output", problems);
            Assert.True(problems.Count == 0, $"{tool.Name}: {string.Join("; ", problems.Items)}");
            Assert.NotNull(tool.ExampleConfig);
            Assert.False(string.IsNullOrWhiteSpace(tool.Description));
            Assert.Contains(tool.Category, (string[])["data", "code", "flow", "http", "llm", "email", "db"]);
        }
    }

    /// <summary>The validator's quick pass ignores annotations, which only unevaluated* keywords need.</summary>
    [Fact]
    public void NoConfigSchema_UsesUnevaluatedKeywords() =>
        Assert.All(ToolCatalog.BuiltIn.All, t => Assert.DoesNotContain("unevaluated", t.ConfigSchema.ToJsonString(), StringComparison.Ordinal));

    [Fact]
    public void Branches_AreTrueFalseForCondition_AndFromConfigForSwitch_AndNoneElsewhere()
    {
        Assert.Equal(["true", "false"], ToolCatalog.BuiltIn.Find("flow.condition")!.Branches);
        Assert.True(ToolCatalog.BuiltIn.Find("flow.switch")!.BranchesFromConfig);
        Assert.All(ToolCatalog.BuiltIn.All.Where(t => t.Name is not ("flow.condition" or "flow.switch")),
            t => Assert.True(t.Branches.Count == 0 && !t.BranchesFromConfig, t.Name));
    }

    [Theory]
    [InlineData("http.request", true)]
    [InlineData("email.send", true)]
    [InlineData("db.query", true)]
    [InlineData("flow.subworkflow", true)]
    [InlineData("data.set", false)]
    [InlineData("flow.condition", false)]
    [InlineData("llm.chat", false)]
    public void SideEffects_AreDeclaredWhereARetryCouldRepeatThem(string tool, bool sideEffects) =>
        Assert.Equal(sideEffects, ToolCatalog.BuiltIn.Find(tool)!.HasSideEffects);
}
