using SurveyBot.Engine.Definition;

namespace SurveyBot.Engine.Runtime;

/// <summary>A flow expanded into its ordered steps; built once per flow version and shared by every interview.</summary>
public sealed class FlowPlan
{
    private readonly Dictionary<string, Step> _byId;

    public FlowPlan(FlowDefinition flow)
    {
        Flow = flow;
        var steps = new List<Step>();
        var number = 0;
        foreach (var node in flow.Questions)
        {
            var first = steps.Count;
            foreach (var step in node.Kind.Expand(node))
                steps.Add(step.Counted ? step with { Number = ++number } : step);
            if (steps.Count > first)
            {
                steps[first] = steps[first] with { FirstOfNode = true };
                var last = steps.FindLastIndex(s => s.Node == node && !s.FollowUp);
                steps[last] = steps[last] with { LastOfNode = true };
            }
        }
        Steps = steps.Select((s, i) => s with { Index = i }).ToList();
        _byId = Steps.ToDictionary(s => s.Id);
        ShownStepCount = number;
    }

    public FlowDefinition Flow { get; }

    public IReadOnlyList<Step> Steps { get; }

    /// <summary>How many steps a respondent who sees every question answers: the "m" of "n of m".</summary>
    public int ShownStepCount { get; }

    public Step this[string id] => _byId[id];

    public bool TryGetStep(string id, out Step step) => _byId.TryGetValue(id, out step!);
}
