namespace Toolflow.Core.Import.Mapping;

/// <summary>All node mappers by n8n type.</summary>
internal static class MapperRegistry
{
    private static readonly Dictionary<string, IN8nNodeMapper> ByType = Build();

    public static IN8nNodeMapper? Find(string type) => ByType.GetValueOrDefault(type);

    public static IEnumerable<string> SupportedTypes => ByType.Keys;

    private static Dictionary<string, IN8nNodeMapper> Build()
    {
        IN8nNodeMapper[] mappers =
        [
            new SetMapper(), new HttpRequestMapper(), new ConditionMapper(), new SwitchMapper(), new MergeMapper(),
            new CodeMapper(), new WaitMapper(), new NoOpMapper(), new ExecuteWorkflowMapper(), new EmailMapper(),
            new PostgresMapper(), new LlmChainMapper(), new OpenAiMapper(), new SplitOutMapper(), new RespondMapper(),
        ];
        return mappers.SelectMany(m => m.Types.Select(t => (t, m))).ToDictionary(p => p.t, p => p.m, StringComparer.Ordinal);
    }
}
