namespace Toolflow.Server.Web.Graph;

/// <summary>
/// Splits validation errors (JSON pointers into the definition) by where the editor shows them:
/// <c>/nodes/3/config/url</c> goes on node 3's <c>url</c> field, <c>/nodes/3/tool</c> on node 3, the rest on the workflow.
/// </summary>
public sealed class ValidationMap
{
    private readonly Dictionary<string, Dictionary<string, string[]>> configErrors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> nodeErrors = new(StringComparer.Ordinal);

    public static readonly ValidationMap Empty = new([], new Dictionary<string, string[]>());

    /// <param name="nodeIds">The node ids in the order they were sent (index i is <c>/nodes/i</c>).</param>
    /// <param name="errors">The problem's <c>errors</c>.</param>
    public ValidationMap(IReadOnlyList<string> nodeIds, IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        ArgumentNullException.ThrowIfNull(errors);
        var workflow = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (pointer, messages) in errors)
        {
            var parts = pointer.Split('/');
            if (parts.Length >= 3 && parts[1] == "nodes" && int.TryParse(parts[2], out var index) && index >= 0 && index < nodeIds.Count)
            {
                var id = nodeIds[index];
                if (parts.Length >= 4 && parts[3] == "config")
                {
                    // "/nodes/i/config" itself (a missing required property, say) is the form's root: key "".
                    var inner = parts.Length == 4 ? string.Empty : "/" + string.Join('/', parts[4..]);
                    var forNode = configErrors.TryGetValue(id, out var existing) ? existing : configErrors[id] = new(StringComparer.Ordinal);
                    forNode[inner] = messages;
                }
                else
                {
                    var list = nodeErrors.TryGetValue(id, out var existing) ? existing : nodeErrors[id] = [];
                    list.AddRange(messages.Select(m => parts.Length > 3 ? $"{string.Join('/', parts[3..])}: {m}" : m));
                }
            }
            else
            {
                workflow[pointer] = messages;
            }
        }

        WorkflowErrors = workflow;
    }

    public IReadOnlyDictionary<string, string[]> WorkflowErrors { get; }

    public ISet<string> InvalidNodes => new HashSet<string>(configErrors.Keys.Concat(nodeErrors.Keys), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string[]> ConfigErrors(string nodeId) =>
        configErrors.TryGetValue(nodeId, out var errors) ? errors : new Dictionary<string, string[]>();

    public IReadOnlyList<string> NodeErrors(string nodeId) => nodeErrors.TryGetValue(nodeId, out var errors) ? errors : [];

    public bool Any => WorkflowErrors.Count > 0 || configErrors.Count > 0 || nodeErrors.Count > 0;
}
