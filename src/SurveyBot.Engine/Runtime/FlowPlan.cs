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
            switch (node.Kind)
            {
                case QuestionKind.Info:
                    steps.Add(new Step(node.Code, StepKind.Info, node) { Number = ++number });
                    break;
                case QuestionKind.Single:
                    steps.Add(new Step(node.Code, StepKind.Choice, node) { Number = ++number, Column = node.Code });
                    if (node.Options.Any(o => o.Other))
                        steps.Add(new Step(node.OtherColumn, StepKind.OtherText, node) { Column = node.OtherColumn });
                    break;
                case QuestionKind.Numeric:
                    steps.Add(new Step(node.Code, StepKind.Numeric, node) { Number = ++number, Column = node.Code });
                    break;
                case QuestionKind.Recode:
                    steps.Add(new Step(node.Code, StepKind.Recode, node) { Column = node.Code });
                    break;
                case QuestionKind.Scale:
                    steps.Add(new Step(node.Code, StepKind.Rating, node) { Number = ++number, Column = node.Code });
                    break;
                case QuestionKind.Matrix:
                    for (var i = 0; i < node.Items.Count; i++)
                        steps.Add(new Step(node.Items[i].Code, StepKind.Rating, node) { Number = ++number, Column = node.Items[i].Code, Item = node.Items[i], ItemNumber = i + 1 });
                    break;
                case QuestionKind.Rank:
                    for (var pick = 1; pick <= node.Picks; pick++)
                        steps.Add(new Step(node.RankColumn(pick), StepKind.RankPick, node) { Number = ++number, Column = node.RankColumn(pick), Pick = pick });
                    break;
                case QuestionKind.Open when node.Items.Count == 0:
                    steps.Add(new Step(node.Code, StepKind.OpenText, node) { Number = ++number, Column = node.Code });
                    break;
                case QuestionKind.Open:
                    for (var i = 0; i < node.Items.Count; i++)
                        steps.Add(new Step(node.Items[i].Code, StepKind.OpenText, node) { Number = ++number, Column = node.Items[i].Code, Item = node.Items[i], ItemNumber = i + 1 });
                    break;
            }
            if (steps.Count > first)
            {
                steps[first] = steps[first] with { FirstOfNode = true };
                var last = steps.FindLastIndex(s => s.Node == node && s.Kind != StepKind.OtherText);
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

    /// <summary>The order in which a rotating rank node shows its options to the respondent with this ordinal.</summary>
    public static IReadOnlyList<int> RotatedOrder(QuestionNode node, long ordinal)
    {
        var codes = node.Options.Select(o => o.Code).ToList();
        if (!node.Rotate || codes.Count == 0) return codes;
        var start = (int)(((ordinal % codes.Count) + codes.Count) % codes.Count);
        return codes.Skip(start).Concat(codes.Take(start)).ToList();
    }
}
