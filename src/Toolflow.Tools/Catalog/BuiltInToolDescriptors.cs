using Toolflow.Core.Tools;

namespace Toolflow.Tools.Catalog;

/// <summary>
/// The descriptors of SPEC §2's built-in tools: name, config and output JSON Schemas (draft
/// 2020-12), branches, side effects and an example config. Data only; the implementations
/// live beside their tools and are found by name.
/// </summary>
public static class BuiltInToolDescriptors
{
    public static IReadOnlyList<ToolDescriptor> All { get; } =
    [
        DataToolDescriptors.Set,
        DataToolDescriptors.Template,
        DataToolDescriptors.JavaScript,
        FlowToolDescriptors.Condition,
        FlowToolDescriptors.Switch,
        FlowToolDescriptors.Merge,
        FlowToolDescriptors.Fail,
        WaitingToolDescriptors.Delay,
        WaitingToolDescriptors.Approval,
        WaitingToolDescriptors.SubWorkflow,
        HttpRequestDescriptor.Descriptor,
        LlmChatDescriptor.Descriptor,
        EmailSendDescriptor.Descriptor,
        DbQueryDescriptor.Descriptor,
    ];
}
