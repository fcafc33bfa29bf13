namespace Toolflow.Core.Import.Graph;

/// <summary>The part an n8n node plays before any mapping.</summary>
internal enum NodeRole
{
    Regular,
    Sticky,

    /// <summary>The trigger chosen for the definition's <c>trigger</c>.</summary>
    Trigger,

    /// <summary>A further manual trigger: redundant, since any Toolflow workflow can be run by hand.</summary>
    ExtraManualTrigger,

    /// <summary>A trigger Toolflow cannot express (e.g. a Gmail or Telegram trigger) or a second one.</summary>
    UnsupportedTrigger,

    /// <summary>A node that only feeds another through AI connections (model, memory, tool, parser…).</summary>
    AiSubNode,
}
