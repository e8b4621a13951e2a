using System.CommandLine;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Cli;

/// <summary><c>validate FLOW</c>: lint a flow file; errors as <c>file:line: CODE: message</c>, exit 1.</summary>
public static class ValidateVerb
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("flow") { Description = "the flow file (YAML)" };
        var command = new Command("validate", "Check a flow file: structure, codes, references, routing and Telegram limits") { file };
        command.SetAction(result =>
        {
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"{path}: file not found");
                return 2;
            }
            var (flow, errors) = FlowLoader.Parse(File.ReadAllText(path.FullName), path.ToString());
            if (flow is not null) errors = FlowValidator.Validate(flow);
            foreach (var error in errors) Console.Error.WriteLine(error);
            if (errors.Count > 0 || flow is null) return 1;
            var plan = new FlowPlan(flow);
            Console.WriteLine($"{path}: OK — flow '{flow.Id}' v{flow.Version}, {flow.Questions.Count} nodes, {plan.ShownStepCount} screens, {flow.DataColumns.Count} data columns");
            return 0;
        });
        return command;
    }
}
