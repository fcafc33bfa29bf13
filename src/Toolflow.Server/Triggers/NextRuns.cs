using Toolflow.Core.Definitions;
using Toolflow.Core.Triggers;
using Toolflow.Storage.Repositories.Workflows;

namespace Toolflow.Server.Triggers;

/// <summary>
/// The upcoming fires of an <c>active</c> schedule workflow, shown as <c>nextRuns</c> on the workflow
/// resource. Computed from the cron the way the sweeper computes them; a paused, draft or archived
/// workflow has none (its schedule does not fire).
/// </summary>
internal static class NextRuns
{
    public const int Shown = 5;

    public static IReadOnlyList<DateTimeOffset>? Of(WorkflowRecord workflow, DateTimeOffset now, int count = Shown)
    {
        if (workflow.Definition.Trigger is not { Type: TriggerType.Schedule, Cron: { } cron } trigger)
        {
            return null;
        }

        if (workflow.Status != WorkflowStatus.Active || count <= 0)
        {
            return [];
        }

        try
        {
            return CronSchedule.Parse(cron, trigger.Timezone).Upcoming(now, count);
        }
        catch (Exception e) when (e is FormatException or TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return [];
        }
    }
}
