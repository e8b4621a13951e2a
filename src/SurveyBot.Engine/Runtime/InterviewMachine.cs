using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Stateless;
using Stateless.Reflection;

namespace SurveyBot.Engine.Runtime;

/// <summary>
/// Builds the Stateless machine of a flow. Its states are step ids plus the two end states; the
/// state itself lives in <see cref="InterviewState"/>, so the machine is rebuilt for every input
/// and only the state being left needs configuring. The whole machine is configured for graphs.
/// </summary>
public static class InterviewMachine
{
    public const string NotStarted = "(start)";
    public const string Completed = "(completed)";
    public const string ScreenedOut = "(screened_out)";
    public const string QuotaFull = "(quota_full)";

    public static StateMachine<string, InterviewTrigger> Create(Func<string> read, Action<string> write) => new(read, write);

    public static StateMachine<string, InterviewTrigger>.TriggerWithParameters<Route> AnswerTrigger(StateMachine<string, InterviewTrigger> machine) =>
        machine.SetTriggerParameters<Route>(InterviewTrigger.Answer);

    /// <summary>Configures the transitions out of one state. <paramref name="previous"/> is null when drawing (no back edges).</summary>
    public static void Configure(
        StateMachine<string, InterviewTrigger> machine,
        StateMachine<string, InterviewTrigger>.TriggerWithParameters<Route> answer,
        FlowPlan plan,
        string stateId,
        Func<string?>? previous)
    {
        if (stateId == NotStarted)
        {
            machine.Configure(NotStarted).PermitDynamic(answer, r => r.Destination, "begin", Destinations(plan, -1));
            return;
        }
        if (stateId is Completed or ScreenedOut or QuotaFull) return;

        var step = plan[stateId];
        var config = machine.Configure(step.Id);
        if (step.LastOfNode && step.Node.ScreenOutIf is { } screen)
        {
            config.PermitIf(answer, ScreenedOut, r => r.ScreenedOut, screen.Source);
            config.PermitDynamicIf(answer, r => r.Destination, r => !r.ScreenedOut, "otherwise", Destinations(plan, step.Index));
        }
        else
        {
            config.PermitDynamic(answer, r => r.Destination, "answered", Destinations(plan, step.Index));
        }
        if (previous is not null)
            config.PermitDynamicIf(InterviewTrigger.Back, () => previous()!, () => previous() is not null, "/back");
    }

    /// <summary>Each plan's destinations by step index (see <see cref="Destinations"/>): the machine is rebuilt for every input, its destinations need not be.</summary>
    private static readonly ConditionalWeakTable<FlowPlan, ConcurrentDictionary<int, DynamicStateInfos>> Known = new();

    /// <summary>
    /// Every state a step can lead to: the end as quota_full where the step settles a quota's cell,
    /// the next shown step, and past it while steps are conditional. Worked out once per plan and step.
    /// </summary>
    private static DynamicStateInfos Destinations(FlowPlan plan, int index) =>
        Known.GetValue(plan, _ => new ConcurrentDictionary<int, DynamicStateInfos>()).GetOrAdd(index, i => Find(plan, i));

    private static DynamicStateInfos Find(FlowPlan plan, int index)
    {
        var infos = new DynamicStateInfos();
        foreach (var quota in SettledAt(plan, index)) infos.Add(QuotaFull, $"quota {quota} full");
        for (var i = index + 1; i < plan.Steps.Count; i++)
        {
            var candidate = plan.Steps[i];
            if (candidate.Kind == StepKind.Recode) continue;
            var condition = candidate.Kind == StepKind.OtherText
                ? $"{candidate.Node.Code} = other"
                : candidate.Node.ShowIf?.Source;
            infos.Add(candidate.Id, condition ?? "next");
            if (condition is null) return infos;
        }
        infos.Add(Completed, "end");
        return infos;
    }

    /// <summary>
    /// The quotas whose cell becomes known with the answer to step <paramref name="index"/>: it (or a
    /// recode right after it) sets one of the quota's variables, and no variable is set later.
    /// </summary>
    private static IEnumerable<string> SettledAt(FlowPlan plan, int index)
    {
        if (index < 0 || plan.Flow.Quotas.Count == 0) yield break;
        var end = index;
        while (end + 1 < plan.Steps.Count && plan.Steps[end + 1].Kind == StepKind.Recode) end++;
        foreach (var quota in plan.Flow.Quotas)
        {
            var last = plan.Steps.Where(s => s.Node.DataColumns().Any(c => quota.Variables.Contains(c))).Select(s => s.Index).DefaultIfEmpty(-1).Max();
            if (last >= index && last <= end) yield return quota.Code;
        }
    }
}
