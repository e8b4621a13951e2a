using Stateless.Graph;

namespace SurveyBot.Engine.Runtime;

/// <summary>Draws a flow's routing with Stateless' own graph writers, for questionnaire authors.</summary>
public static class FlowGraph
{
    public static string Mermaid(FlowPlan plan) => MermaidGraph.Format(Build(plan).GetInfo());

    public static string Dot(FlowPlan plan) => UmlDotGraph.Format(Build(plan).GetInfo());

    private static Stateless.StateMachine<string, InterviewTrigger> Build(FlowPlan plan)
    {
        var machine = InterviewMachine.Create(() => InterviewMachine.NotStarted, _ => { });
        var answer = InterviewMachine.AnswerTrigger(machine);
        InterviewMachine.Configure(machine, answer, plan, InterviewMachine.NotStarted, null);
        foreach (var step in plan.Steps.Where(s => s.Kind != StepKind.Recode))
            InterviewMachine.Configure(machine, answer, plan, step.Id, null);
        // The ends reached only by dynamic routes are drawn once they are states of the machine.
        machine.Configure(InterviewMachine.Completed);
        if (plan.Flow.Quotas.Count > 0) machine.Configure(InterviewMachine.QuotaFull);
        return machine;
    }
}
