using Toolflow.Core.Definitions;
using Toolflow.Core.Sharing;

namespace Toolflow.Core.Tests.Sharing;

public class WorkflowActionsTests
{
    [Theory]
    [InlineData(WorkflowAction.View, SharePermission.View)]
    [InlineData(WorkflowAction.List, SharePermission.View)]
    [InlineData(WorkflowAction.ReadExecutions, SharePermission.View)]
    [InlineData(WorkflowAction.Execute, SharePermission.Execute)]
    [InlineData(WorkflowAction.PauseExecution, SharePermission.Execute)]
    [InlineData(WorkflowAction.ResumeExecution, SharePermission.Execute)]
    [InlineData(WorkflowAction.Cancel, SharePermission.Execute)]
    [InlineData(WorkflowAction.Retry, SharePermission.Execute)]
    [InlineData(WorkflowAction.Signal, SharePermission.Execute)]
    [InlineData(WorkflowAction.PauseWorkflow, SharePermission.Edit)]
    [InlineData(WorkflowAction.ResumeWorkflow, SharePermission.Edit)]
    [InlineData(WorkflowAction.Edit, SharePermission.Edit)]
    [InlineData(WorkflowAction.MakeTemplate, SharePermission.Edit)]
    [InlineData(WorkflowAction.Delete, SharePermission.Admin)]
    [InlineData(WorkflowAction.Restore, SharePermission.Admin)]
    [InlineData(WorkflowAction.Share, SharePermission.Admin)]
    public void EachAction_NeedsItsPermission_AndEveryHigherOneAllowsIt(WorkflowAction action, SharePermission needed)
    {
        Assert.Equal(needed, WorkflowActions.Required(action));
        foreach (var held in Enum.GetValues<SharePermission>())
        {
            Assert.Equal(held >= needed, WorkflowActions.Allows(held, action));
        }
    }

    [Fact]
    public void EveryActionHasARule()
    {
        Assert.All(Enum.GetValues<WorkflowAction>(), a => Assert.True(Enum.IsDefined(WorkflowActions.Required(a))));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkflowActions.Required((WorkflowAction)999));
    }
}
