using System.CommandLine;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Cli;

/// <summary><c>graph FLOW [--dot]</c>: print the flow's routing as drawn by Stateless (Mermaid by default).</summary>
public static class GraphVerb
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("flow") { Description = "the flow file (YAML)" };
        var dot = new Option<bool>("--dot") { Description = "Graphviz DOT instead of Mermaid" };
        var command = new Command("graph", "Draw a flow's routing (screen-outs, skips) as Mermaid or DOT") { file, dot };
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            try
            {
                var plan = new FlowPlan(FlowLoader.Load(File.ReadAllText(path.FullName), path.ToString()));
                Console.WriteLine(result.GetValue(dot) ? FlowGraph.Dot(plan) : FlowGraph.Mermaid(plan));
                return 0;
            }
            catch (FlowDefinitionException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }
}
