namespace Toolflow.Generation.Planning;

/// <summary>One step the planner understood: a tool and the details the prompt gave for it.</summary>
internal sealed class PlannedStep(string tool, double position, int clause, string phrase)
{
    public string Tool { get; } = tool;

    /// <summary>Where in the prompt the step was asked for; steps run in this order.</summary>
    public double Position { get; set; } = position;

    public int Clause { get; } = clause;

    public string Phrase { get; set; } = phrase;

    public string? Url { get; set; }

    public string Method { get; set; } = "GET";

    public List<string> Recipients { get; } = [];

    public string? Sql { get; set; }

    public string? Table { get; set; }

    public bool Writes { get; set; }

    public string LlmTask { get; set; } = "answer";

    public string? Language { get; set; }

    public List<string> Labels { get; } = [];

    public ConditionSpec? Condition { get; set; }

    /// <summary>The noun after "for each"/"each" when the step runs once per item.</summary>
    public string? ForEachNoun { get; set; }

    public bool ForEach { get; set; }

    public long? DelayMs { get; set; }

    public List<string> Cases { get; } = [];

    public string? SwitchOn { get; set; }

    public string? WorkflowId { get; set; }

    /// <summary>Runs on the false branch of the condition before it ("otherwise …").</summary>
    public bool OnFalseBranch { get; set; }

    public List<(string Name, string? Value)> Fields { get; } = [];

    /// <summary>What the user receives ("get a Slack message with …"): delivered last, never merged into a fetch.</summary>
    public bool Deliverable { get; set; }

    /// <summary>Steps sharing a group run side by side ("get A and B in parallel").</summary>
    public int? ParallelGroup { get; set; }

    public override string ToString() => $"{Tool} @{Position:0.#}: '{Phrase}'";
}

/// <summary>"if the status is not 200": what is compared, how, and with what.</summary>
internal sealed record ConditionSpec(string Subject, string Operator, string? Value, bool Negate);
