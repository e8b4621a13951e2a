using Stateless.Graph;

namespace SurveyBot.Engine.Runtime;

/// <summary>Draws a flow's routing, for questionnaire authors: the very machine interviews run on, by Stateless' own graph writers.</summary>
public static class FlowGraph
{
    public static string Mermaid(FlowPlan plan) => MermaidGraph.Format(InterviewMachine.For(plan).Info);

    public static string Dot(FlowPlan plan) => UmlDotGraph.Format(InterviewMachine.For(plan).Info);
}
