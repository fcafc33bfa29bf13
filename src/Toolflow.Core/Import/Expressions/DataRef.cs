namespace Toolflow.Core.Import.Expressions;

/// <summary>
/// What an n8n item reference (<c>$json</c>, <c>$('X').item.json</c>) stands for in Toolflow: a JavaScript
/// base such as <c>nodes.fetch.output.body</c>, <c>input</c> or <c>item</c>, or a problem.
/// </summary>
internal sealed record DataRef(string? Base, string? Problem, OutputShape Shape, bool WebhookRequest = false)
{
    public static DataRef Fail(string problem) => new(null, problem, new OutputShape());

    public static DataRef Input(bool webhookRequest) => new("input", null, new OutputShape(), webhookRequest);

    public static DataRef Item { get; } = new("item", null, new OutputShape());
}
