using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Toolflow.Core.Definitions;
using Toolflow.Core.Validation;
using Toolflow.Tools.Catalog;

namespace Toolflow.Benchmarks.Validation;

/// <summary>
/// Validating a 200-node definition, against the floor of any validator: parsing the same bytes
/// (baseline) and deserialising them into the typed model.
/// Run: dotnet run -c Release --project bench/Toolflow.Benchmarks -- --filter '*ValidationBenchmarks*' --job short
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private readonly WorkflowValidator _validator = new(ToolCatalog.BuiltIn);
    private byte[] _definition = [];

    [GlobalSetup]
    public void Setup()
    {
        _definition = Encoding.UTF8.GetBytes(LargeDefinition.Create());
        var result = _validator.Validate(_definition);
        if (!result.IsValid || result.Definition!.Nodes.Count != 200)
        {
            throw new InvalidOperationException("benchmark definition must be a valid 200-node workflow: " + string.Join("; ", result.Problems));
        }
    }

    [Benchmark(Baseline = true, Description = "JsonDocument.Parse (floor)")]
    public int Parse()
    {
        using var document = JsonDocument.Parse(_definition);
        return document.RootElement.GetProperty("nodes").GetArrayLength();
    }

    [Benchmark(Description = "Deserialize to WorkflowDefinition")]
    public int Deserialize() =>
        JsonSerializer.Deserialize(_definition, DefinitionJsonContext.Default.WorkflowDefinition)!.Nodes.Count;

    [Benchmark(Description = "WorkflowValidator.Validate (all rules)")]
    public int Validate() => _validator.Validate(_definition).Definition!.Nodes.Count;
}
