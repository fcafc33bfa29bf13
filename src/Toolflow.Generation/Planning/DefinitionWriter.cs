using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Toolflow.Core.Definitions;
using Toolflow.Generation.Pipeline;

namespace Toolflow.Generation.Planning;

/// <summary>
/// Writes a plan as a definition: one node per step with a config that fits the tool's schema,
/// edges in the order the prompt gave (a condition's followers on its <c>true</c> branch, "otherwise"
/// on <c>false</c>, parallel steps side by side), and data wired with expressions: each step reads
/// the output of the last step that produced data (<c>nodes.fetch.output.body</c>,
/// <c>nodes.summarise.output.text</c>, <c>nodes.query.output.rows</c>), or <c>item</c> inside a
/// <c>forEach</c>, or <c>input</c> when nothing came before. Credentials are only ever names the
/// user has; a missing one is a to-do.
/// </summary>
internal sealed class DefinitionWriter
{
    private readonly GenerationContext context;
    private readonly GenerationReportBuilder report;
    private readonly JsonArray nodes = [];
    private readonly JsonArray edges = [];
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> toolOf = new(StringComparer.Ordinal);
    private List<(string Id, string? Branch)> frontier = [];
    private string? producer;
    private string? lastCondition;

    // Set while a config is written, when the user has a credential the node needs.
    private string? pendingCredential;

    private DefinitionWriter(GenerationContext context, GenerationReportBuilder report)
    {
        this.context = context;
        this.report = report;
    }

    public static JsonObject Write(WorkflowPlan plan, string prompt, GenerationContext context, GenerationReportBuilder report, WorkflowDefinition? existing = null)
    {
        var writer = new DefinitionWriter(context, report);
        var definition = existing is null ? New(prompt) : Existing(existing);
        writer.Load(definition, plan);
        writer.Append(plan);
        definition["nodes"] = writer.nodes;
        definition["edges"] = writer.edges;
        var trigger = plan.Trigger ?? (existing is null ? new TriggerDefinition { Type = TriggerType.Manual } : null);
        if (trigger is not null)
        {
            definition["trigger"] = JsonSerializer.SerializeToNode(trigger, GenerationJson.Default.TriggerDefinition);
        }

        if (writer.nodes.Count == 0)
        {
            report.NotMapped("no step could be recognised in the prompt; the workflow has no nodes yet");
        }

        return definition;
    }

    private static JsonObject New(string prompt)
    {
        var name = prompt.Trim();
        name = name.Length > 80 ? name[..77].TrimEnd() + "…" : name;
        return new JsonObject
        {
            ["name"] = name.Length == 0 ? "Generated workflow" : char.ToUpperInvariant(name[0]) + name[1..],
            ["description"] = prompt.Length > 2000 ? prompt[..2000] : prompt,
            ["tags"] = new JsonArray("generated"),
        };
    }

    private static JsonObject Existing(WorkflowDefinition existing) =>
        JsonSerializer.SerializeToNode(existing, Toolflow.Core.Definitions.DefinitionJsonContext.Default.WorkflowDefinition)!.AsObject();

    /// <summary>A follow-up starts from the workflow as it is: its nodes, and its last node as the place to go on from.</summary>
    private void Load(JsonObject definition, WorkflowPlan plan)
    {
        var oldNodes = definition["nodes"]?.AsArray() ?? [];
        var oldEdges = definition["edges"]?.AsArray() ?? [];
        var removed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in oldNodes.OfType<JsonObject>())
        {
            var id = (string)node["id"]!;
            var tool = (string?)node["tool"] ?? string.Empty;
            var replaced = plan.Instead && plan.Steps.Any(s => s.Tool == tool) && tool is not ("flow.condition" or "flow.merge");
            if (plan.RemoveTools.Contains(tool) || replaced)
            {
                removed.Add(id);
                continue;
            }

            ids.Add(id);
            toolOf[id] = tool;
            nodes.Add(node.DeepClone());
        }

        foreach (var edge in oldEdges.OfType<JsonObject>())
        {
            var (source, target) = ((string)edge["source"]!, (string)edge["target"]!);
            if (removed.Contains(source) || removed.Contains(target))
            {
                continue;
            }

            edges.Add(edge.DeepClone());
        }

        // Bridge over removed nodes so the rest stays connected.
        foreach (var id in removed)
        {
            var into = oldEdges.OfType<JsonObject>().Where(e => (string)e["target"]! == id && !removed.Contains((string)e["source"]!)).ToList();
            var outOf = oldEdges.OfType<JsonObject>().Where(e => (string)e["source"]! == id && !removed.Contains((string)e["target"]!)).ToList();
            foreach (var i in into)
            {
                foreach (var o in outOf)
                {
                    AddEdge((string)i["source"]!, (string)o["target"]!, (string?)i["branch"]);
                }
            }
        }

        if (removed.Count > 0)
        {
            StripReferences(removed);
        }

        var leaves = nodes.OfType<JsonObject>().Select(n => (string)n["id"]!).Where(id => !edges.OfType<JsonObject>().Any(e => (string)e["source"]! == id)).ToList();
        if (leaves.Count > 0)
        {
            frontier = [(leaves[^1], null)];
        }

        producer = nodes.OfType<JsonObject>().Select(n => (string)n["id"]!).LastOrDefault(id => Produces(toolOf[id]));
    }

    private void Append(WorkflowPlan plan)
    {
        for (var i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var id = NewId(step);
            var node = new JsonObject { ["id"] = id, ["tool"] = step.Tool };
            var itemScope = step.ForEach;
            if (step.ForEach)
            {
                node["forEach"] = "{{ " + ListOf(step) + " }}";
            }

            node["config"] = Config(step, id, itemScope);
            if (step.Tool == "flow.condition" && producer is not null && toolOf[producer] == "http.request"
                && ((string?)node["config"]!["expression"])!.Contains($"nodes.{producer}.output.status", StringComparison.Ordinal))
            {
                // The condition looks at error statuses itself, so the request must hand them over instead of failing.
                nodes.OfType<JsonObject>().First(n => (string)n["id"]! == producer)["config"]!["failOnHttpError"] = false;
            }

            NetworkDefaults(step, node);
            nodes.Add((JsonNode)node);
            ids.Add(id);
            toolOf[id] = step.Tool;
            Connect(step, id, plan.Steps, i);
            if (Produces(step.Tool))
            {
                producer = id;
            }
        }
    }

    private void Connect(PlannedStep step, string id, IReadOnlyList<PlannedStep> steps, int index)
    {
        var sources = step.OnFalseBranch && lastCondition is not null ? [(lastCondition, "false")] : frontier;
        var previous = index > 0 ? steps[index - 1] : null;
        if (step.ParallelGroup is { } group && previous?.ParallelGroup == group)
        {
            // A sibling starts where the first of its group started, and both lead on.
            sources = parallelSources;
        }
        else
        {
            parallelSources = sources;
        }

        foreach (var (source, branch) in sources)
        {
            if (toolOf.TryGetValue(source, out var tool) && tool == "flow.switch" && branch is null)
            {
                foreach (var option in SwitchBranches(source))
                {
                    AddEdge(source, id, option);
                }

                report.Todo($"decide which branches of '{source}' lead to '{id}' (all do for now)");
                continue;
            }

            AddEdge(source, id, branch);
        }

        if (step.ParallelGroup is { } g && previous?.ParallelGroup == g)
        {
            frontier = [.. frontier, (id, null)];
        }
        else
        {
            frontier = step.Tool == "flow.condition" ? [(id, "true")] : [(id, null)];
        }

        if (step.Tool == "flow.condition")
        {
            lastCondition = id;
        }
    }

    private List<(string Id, string? Branch)> parallelSources = [];

    private IEnumerable<string> SwitchBranches(string id)
    {
        var node = nodes.OfType<JsonObject>().First(n => (string)n["id"]! == id);
        var cases = node["config"]?["cases"]?.AsArray().Select(c => (string)c!) ?? [];
        return [.. cases, "default"];
    }

    private void AddEdge(string source, string target, string? branch)
    {
        if (edges.OfType<JsonObject>().Any(e => (string)e["source"]! == source && (string)e["target"]! == target && (string?)e["branch"] == branch))
        {
            return;
        }

        var edge = new JsonObject { ["source"] = source, ["target"] = target };
        if (branch is not null)
        {
            edge["branch"] = branch;
        }

        edges.Add((JsonNode)edge);
    }

    private JsonObject Config(PlannedStep step, string id, bool itemScope) => step.Tool switch
    {
        "http.request" => Http(step, id, itemScope),
        "email.send" => Email(step, id, itemScope),
        "db.query" => Db(step, id, itemScope),
        "llm.chat" => Llm(step, id, itemScope),
        "flow.condition" => new JsonObject { ["expression"] = "{{ " + ConditionExpression.Build(step.Condition!, producer is null ? null : (producer, toolOf[producer]), itemScope) + " }}" },
        "flow.switch" => Switch(step, id),
        "flow.merge" => [],
        "flow.fail" => new JsonObject { ["message"] = FailMessage(step) },
        "flow.delay" => new JsonObject { ["durationMs"] = step.DelayMs ?? 60_000 },
        "flow.approval" => new JsonObject { ["message"] = Sentence(step.Phrase) + "?", ["timeoutMs"] = 7 * 86_400_000L },
        "flow.subworkflow" => Subworkflow(step, id, itemScope),
        "code.javascript" => new JsonObject { ["code"] = Code(step, itemScope) },
        "data.template" => new JsonObject { ["template"] = TemplateText(step, itemScope) },
        "data.set" => new JsonObject { ["values"] = SetValues(step, itemScope) },
        _ => [],
    };

    private JsonObject Http(PlannedStep step, string id, bool itemScope)
    {
        var url = step.Url;
        if (url is null && itemScope && Regex.IsMatch(step.ForEachNoun ?? string.Empty, "^(?:url|link|page|site|website|address|endpoint|feed)s?$"))
        {
            url = "{{ item }}";
        }

        if (url is null)
        {
            url = "https://example.com/replace-me";
            report.Todo($"set the URL of '{id}' (the prompt named no address for it: '{step.Phrase}')");
        }

        var config = new JsonObject { ["method"] = step.Method, ["url"] = url };
        if (step.Method is "POST" or "PUT" or "PATCH")
        {
            config["body"] = "{{ " + Data(itemScope) + " }}";
        }

        return config;
    }

    private JsonObject Email(PlannedStep step, string id, bool itemScope)
    {
        JsonNode to;
        if (step.Recipients.Count == 0)
        {
            to = itemScope
                ? Regex.IsMatch(step.ForEachNoun ?? string.Empty, "^(?:e-?mails?|addresses|address|recipients?)$") ? "{{ item }}" : "{{ item.email }}"
                : "{{ input.email }}";
            report.Todo($"check the recipient of '{id}': the prompt named no address, so it mails {to}");
        }
        else
        {
            to = step.Recipients.Count == 1 ? step.Recipients[0] : new JsonArray([.. step.Recipients.Select(r => (JsonNode)r)]);
        }

        var credential = context.FirstOfType("smtp");

        pendingCredential = credential?.Name;
        return new JsonObject
        {
            ["to"] = to,
            ["subject"] = Subject(),
            ["body"] = producer is null && !itemScope ? "{{ JSON.stringify(input, null, 2) }}" : "{{ " + Text(itemScope) + " }}",
        };
    }

    private string Subject() => producer is not null && toolOf[producer] == "llm.chat" ? "Summary" : "Workflow result";

    private JsonObject Db(PlannedStep step, string id, bool itemScope)
    {
        var credential = context.FirstOfType("postgres", "sqlite");

        pendingCredential = credential?.Name;
        if (step.Sql is not null)
        {
            return new JsonObject { ["sql"] = step.Sql };
        }

        var table = step.Table ?? "my_table";
        if (step.Table is null)
        {
            report.Todo($"name the table of '{id}' (the prompt named none)");
        }

        if (step.Writes)
        {
            report.Todo($"check the columns '{id}' inserts into {table}");
            return new JsonObject
            {
                ["sql"] = $"insert into {table} (data) values (@data)",
                ["parameters"] = new JsonObject { ["data"] = "{{ JSON.stringify(" + Data(itemScope) + ") }}" },
            };
        }

        report.Todo($"refine the query of '{id}' (it reads every column of {table})");
        return new JsonObject { ["sql"] = $"select * from {table} limit 1000" };
    }

    private JsonObject Llm(PlannedStep step, string id, bool itemScope)
    {
        var source = producer is null && !itemScope ? "{{ JSON.stringify(input) }}" : "{{ " + Text(itemScope) + " }}";
        var prompt = step.LlmTask switch
        {
            "summarise" => "Summarise the following in a few short bullet points:\n\n" + source,
            "translate" => $"Translate the following into {step.Language ?? "English"}. Answer with the translation only:\n\n" + source,
            "classify" => step.Labels.Count > 0
                ? $"Classify the following as one of: {string.Join(", ", step.Labels)}. Answer with the label only.\n\n" + source
                : "Classify the following. Answer with one short label only.\n\n" + source,
            "extract" => $"{Sentence(step.Phrase)} from the following. Answer with JSON only.\n\n" + source,
            "sentiment" => "What is the sentiment of the following: positive, negative or neutral? Answer with one word.\n\n" + source,
            _ => $"{Sentence(step.Phrase)}.\n\n" + source,
        };
        var config = new JsonObject { ["prompt"] = prompt };
        if (step.LlmTask == "extract")
        {
            config["responseFormat"] = "json";
        }

        var credential = context.FirstOfType("openai", "ollama");
        if (credential is not null)
        {
            config["provider"] = credential.Type.ToLowerInvariant();
            pendingCredential = credential.Name;
        }
        else
        {
            report.Todo($"'{id}' uses the server's default model: add an OpenAI or Ollama credential to choose one");
        }

        return config;
    }

    private JsonObject Switch(PlannedStep step, string id)
    {
        var cases = step.Cases.Count > 0 ? step.Cases : producer is not null && toolOf[producer] == "llm.chat" ? LabelsOf(producer) : [];
        if (cases.Count == 0)
        {
            cases = ["a", "b"];
            report.Todo($"name the cases of '{id}' (placeholders 'a' and 'b')");
        }

        string value;
        if (producer is not null && toolOf[producer] == "llm.chat")
        {
            value = $"nodes.{producer}.output.text.trim().toLowerCase()";
        }
        else
        {
            var field = step.SwitchOn ?? "type";
            value = producer is null ? $"input.{field}" : $"{Data(false)}.{field}";
        }

        return new JsonObject { ["value"] = "{{ " + value + " }}", ["cases"] = new JsonArray([.. cases.Distinct().Select(c => (JsonNode)c)]) };
    }

    private List<string> LabelsOf(string llmNode)
    {
        var node = nodes.OfType<JsonObject>().First(n => (string)n["id"]! == llmNode);
        var prompt = (string?)node["config"]?["prompt"] ?? string.Empty;
        var marker = "as one of: ";
        var start = prompt.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0)
        {
            return [];
        }

        var end = prompt.IndexOf(". Answer", start, StringComparison.Ordinal);
        return [.. prompt[(start + marker.Length)..end].Split(", ").Select(StepReader.Identifier)];
    }

    private JsonObject Subworkflow(PlannedStep step, string id, bool itemScope)
    {
        var workflowId = step.WorkflowId;
        if (workflowId is null)
        {
            var known = context.Workflows.FirstOrDefault(w => step.Phrase.Contains(w.Name, StringComparison.OrdinalIgnoreCase));
            workflowId = known?.Id.ToString();
        }

        if (workflowId is null)
        {
            workflowId = Guid.Empty.ToString();
            report.Todo($"set the workflowId of '{id}' (no workflow of yours matched '{step.Phrase}')");
        }

        return new JsonObject { ["workflowId"] = workflowId, ["input"] = "{{ " + Data(itemScope) + " }}" };
    }

    private string Code(PlannedStep step, bool itemScope)
    {
        var data = itemScope ? "item" : Data(false);
        return $"// {Sentence(step.Phrase).Replace('\n', ' ')}\nconst data = {data};\n" +
            "// TODO: replace with the computation you need.\nreturn { result: data };";
    }

    private string TemplateText(PlannedStep step, bool itemScope)
    {
        var data = itemScope ? "item" : producer is null ? "input" : Data(false);
        return producer is not null && toolOf[producer] is "llm.chat" or "data.template"
            ? "{{ " + Text(itemScope) + " }}"
            : $"Hello {{{{ {data}.name }}}},\n\n{{{{ JSON.stringify({data}) }}}}";
    }

    private JsonObject SetValues(PlannedStep step, bool itemScope)
    {
        var data = itemScope ? "item" : Data(false);
        var values = new JsonObject();
        foreach (var (name, value) in step.Fields)
        {
            values[name] = value switch
            {
                null => "{{ " + data + "." + name + " }}",
                "now" => "{{ execution.startedAt }}",
                "true" or "false" => value == "true",
                _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
                _ => value.Trim('\'', '"'),
            };
        }

        if (values.Count == 0)
        {
            values["value"] = "{{ " + data + " }}";
        }

        return values;
    }

    private static string FailMessage(PlannedStep step) => "Stopped: " + Sentence(step.Phrase);

    private static string Sentence(string phrase)
    {
        var text = phrase.Replace("{{", "(", StringComparison.Ordinal).Replace("}}", ")", StringComparison.Ordinal).Trim();
        return text.Length == 0 ? "Step" : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>The data a step works on: the last producer's payload, the current item, or the input.</summary>
    private string Data(bool itemScope)
    {
        if (itemScope)
        {
            return "item";
        }

        if (producer is null)
        {
            return "input";
        }

        return toolOf[producer] switch
        {
            "http.request" => $"nodes.{producer}.output.body",
            "llm.chat" or "data.template" => $"nodes.{producer}.output.text",
            "db.query" => $"nodes.{producer}.output.rows",
            _ => $"nodes.{producer}.output",
        };
    }

    /// <summary>The same as text: a string output as it is, anything else as JSON.</summary>
    private string Text(bool itemScope)
    {
        var data = Data(itemScope);
        return producer is not null && !itemScope && toolOf[producer] is "llm.chat" or "data.template" ? data : $"JSON.stringify({data}, null, 2)";
    }

    private string ListOf(PlannedStep step)
    {
        var noun = StepReader.Identifier(step.ForEachNoun ?? "items");
        var plural = noun.EndsWith('s') ? noun : noun.EndsWith('y') ? noun[..^1] + "ies" : noun + "s";
        if (producer is null)
        {
            return $"input.{plural}";
        }

        return toolOf[producer] switch
        {
            "db.query" => $"nodes.{producer}.output.rows",
            "http.request" => $"nodes.{producer}.output.body.{plural} ?? nodes.{producer}.output.body",
            "llm.chat" => $"nodes.{producer}.output.json ?? nodes.{producer}.output.text.split('\\n')",
            _ => $"nodes.{producer}.output.{plural} ?? nodes.{producer}.output",
        };
    }

    private void NetworkDefaults(PlannedStep step, JsonObject node)
    {
        if (pendingCredential is not null)
        {
            node["credential"] = pendingCredential;
            pendingCredential = null;
        }

        if (step.Tool is "http.request" or "llm.chat" or "email.send" or "db.query")
        {
            node["retry"] = new JsonObject { ["maxAttempts"] = 3, ["backoff"] = "exponential", ["initialDelayMs"] = 1000 };
            node["timeoutMs"] = step.Tool == "llm.chat" ? 120_000 : 30_000;
        }
    }

    private static bool Produces(string tool) => tool is not ("flow.condition" or "flow.switch" or "flow.delay" or "flow.approval" or "flow.fail" or "email.send");

    private string NewId(PlannedStep step)
    {
        var stem = step.Tool switch
        {
            "http.request" => step.Method == "GET" ? "fetch" : step.Method.ToLowerInvariant(),
            "llm.chat" => step.LlmTask == "answer" || step.LlmTask == "write" ? "generate" : step.LlmTask,
            "email.send" => "email",
            "db.query" => step.Writes ? "store" : "query",
            "flow.condition" => "check",
            "flow.switch" => "route",
            "flow.merge" => "merge",
            "flow.fail" => "fail",
            "flow.delay" => "wait",
            "flow.approval" => "approval",
            "flow.subworkflow" => "subworkflow",
            "code.javascript" => "code",
            "data.template" => "render",
            "data.set" => "fields",
            _ => "step",
        };
        var id = stem;
        for (var n = 2; ids.Contains(id); n++)
        {
            id = stem + "_" + n.ToString(CultureInfo.InvariantCulture);
        }

        return id;
    }

    /// <summary>After nodes were removed, expressions that read them read the input instead.</summary>
    private void StripReferences(HashSet<string> removed)
    {
        foreach (var node in nodes.OfType<JsonObject>())
        {
            var json = node.ToJsonString();
            var changed = removed.Aggregate(json, (current, id) => current
                .Replace($"nodes.{id}.output", "input", StringComparison.Ordinal)
                .Replace($"nodes['{id}'].output", "input", StringComparison.Ordinal));
            if (changed != json)
            {
                var replacement = JsonNode.Parse(changed)!.AsObject();
                node.Clear();
                foreach (var (key, value) in replacement.ToList())
                {
                    replacement.Remove(key);
                    node[key] = value;
                }
            }
        }
    }
}
