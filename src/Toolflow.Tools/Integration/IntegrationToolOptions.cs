using Toolflow.Tools.Database;
using Toolflow.Tools.Http;
using Toolflow.Tools.Llm;

namespace Toolflow.Tools.Integration;

/// <summary>The administrator's settings of the integration tools (configuration section <c>Tools</c>).</summary>
public sealed class IntegrationToolOptions
{
    public const string Section = "Tools";

    public HttpToolOptions Http { get; init; } = new();

    public DbToolOptions Database { get; init; } = new();

    public LlmToolOptions Llm { get; init; } = new();
}
