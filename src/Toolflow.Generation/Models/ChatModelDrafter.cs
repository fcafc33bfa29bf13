using System.Text;
using Microsoft.Extensions.AI;
using Toolflow.Core.Definitions;
using Toolflow.Core.Validation;
using Toolflow.Generation.Pipeline;

namespace Toolflow.Generation.Models;

/// <summary>
/// Drafts with a chat model asked for JSON that follows <see cref="DefinitionSchema"/>. The prompt
/// carries the format's rules, the retrieved tools with their config schemas, the planner's reading
/// as a hint, the user's credential names and, for a follow-up, the current definition. A repair
/// sends back the previous answer and every problem found in it. Whatever the model answers — JSON,
/// JSON in a code fence, or prose — is handed to the validator, which names what is wrong.
/// </summary>
public sealed class ChatModelDrafter(IChatClient client, string model) : IWorkflowDrafter
{
    public string Model { get; } = model;

    public Task<Draft> DraftAsync(DraftInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return AskAsync(input, Messages(input), cancellationToken);
    }

    public Task<Draft> RepairAsync(DraftInput input, Draft previous, IReadOnlyList<ValidationProblem> problems, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(problems);
        var messages = Messages(input);
        messages.Add(new ChatMessage(ChatRole.Assistant, previous.Json));
        messages.Add(new ChatMessage(ChatRole.User,
            "That definition is not valid. Fix every problem below (each is '<JSON pointer>: <message>') and answer with the whole corrected definition as JSON only.\n" +
            string.Join('\n', problems.Select(p => "- " + p))));
        return AskAsync(input, messages, cancellationToken);
    }

    private async Task<Draft> AskAsync(DraftInput input, List<ChatMessage> messages, CancellationToken cancellationToken)
    {
        var options = new ChatOptions
        {
            Temperature = 0,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(DefinitionSchema.For(input.Tools), "workflow_definition", "A Toolflow workflow definition"),
        };
        var response = await client.GetResponseAsync(messages, options, cancellationToken);
        return new Draft(JsonOf(response.Text), Model);
    }

    /// <summary>The JSON object in an answer: the whole text, or what sits inside a code fence or between the outer braces.</summary>
    internal static string JsonOf(string text)
    {
        var trimmed = text.Trim();
        var fence = trimmed.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var start = trimmed.IndexOf('\n', fence);
            var end = trimmed.IndexOf("```", start + 1, StringComparison.Ordinal);
            if (start > 0 && end > start)
            {
                trimmed = trimmed[(start + 1)..end].Trim();
            }
        }

        var open = trimmed.IndexOf('{', StringComparison.Ordinal);
        var close = trimmed.LastIndexOf('}');
        return open >= 0 && close > open ? trimmed[open..(close + 1)] : trimmed;
    }

    private static List<ChatMessage> Messages(DraftInput input)
    {
        var system = new StringBuilder();
        system.AppendLine("You write Toolflow workflow definitions as JSON. A definition is {name, description?, tags?, trigger?, nodes, edges}.");
        system.AppendLine("trigger: {type: manual} | {type: schedule, cron: '<5-field cron>', timezone?: '<IANA>'} | {type: webhook} | {type: workflow, workflowId: '<uuid>', on?: completed|failed}.");
        system.AppendLine("A node is {id, tool, config, credential?, forEach?, retry?, timeoutMs?}; ids match [A-Za-z_][A-Za-z0-9_-]*. An edge is {source, target, branch?}; flow.condition has branches 'true'/'false', flow.switch its cases and 'default'. No cycles.");
        system.AppendLine("Data flows through expressions {{ … }} in config strings: input (the trigger's payload), nodes.<id>.output (http.request: {status, headers, body}; llm.chat: {text}; db.query: {rows, rowCount}; data.template: {text}), item and index inside forEach.");
        system.AppendLine("Only use the tools below, with configs that follow their schemas. Never invent credential names: use only the user's credentials listed, or none.");
        foreach (var tool in input.Tools)
        {
            system.Append("- ").Append(tool.Name).Append(": ").Append(tool.Description).Append(" Config schema: ").AppendLine(tool.ConfigSchema.ToJsonString());
        }

        system.AppendLine("Answer with the JSON definition only.");
        var user = new StringBuilder();
        user.AppendLine("Request: " + input.Request.Prompt);
        var credentials = input.Request.Context.Credentials;
        user.AppendLine("My credentials: " + (credentials.Count == 0 ? "none" : string.Join(", ", credentials.Select(c => $"{c.Name} ({c.Type})"))));
        if (input.Request.Context.Workflows.Count > 0)
        {
            user.AppendLine("My workflows: " + string.Join(", ", input.Request.Context.Workflows.Take(50).Select(w => $"{w.Name} ({w.Id})")));
        }

        if (input.Request.Context.Notes is { Length: > 0 } notes)
        {
            user.AppendLine("Context: " + notes);
        }

        user.AppendLine($"A rule-based reading of the request (a hint, may be incomplete): trigger {input.Understanding.TriggerType ?? "unknown"}; steps {string.Join("; ", input.Understanding.Steps)}.");
        if (input.Request.Existing is { } existing)
        {
            user.AppendLine("Change this existing workflow as requested and answer with the whole new definition:");
            user.AppendLine(System.Text.Json.JsonSerializer.Serialize(existing, DefinitionJsonContext.Default.WorkflowDefinition));
        }

        return [new ChatMessage(ChatRole.System, system.ToString()), new ChatMessage(ChatRole.User, user.ToString())];
    }
}
