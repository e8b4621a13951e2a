using System.Globalization;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds;

/// <summary>A step answered on a scale row (a scale question, a matrix item), with the not-applicable answer when the node has one.</summary>
public static class Rating
{
    public static PromptBody Prompt(Step step, PromptContext context)
    {
        var node = step.Node;
        var text = new System.Text.StringBuilder();
        if (step.Item is { } item) text.Append("\n\n").Append($"({step.ItemNumber}/{node.Items.Count}) ").Append(item.Label);
        var scale = node.Scale!;
        text.Append("\n\n").Append(string.Format(context.Messages.ScaleLegend, scale.Min, scale.Low, scale.Max, scale.High));
        var rows = new List<IReadOnlyList<PromptButton>>
        {
            Enumerable.Range(scale.Min, scale.Max - scale.Min + 1).Select(p => KindButtons.Button(step, p.ToString(CultureInfo.InvariantCulture), p.ToString(CultureInfo.InvariantCulture))).ToList(),
        };
        if (node.NotApplicable is { } na) rows.Add([KindButtons.Button(step, na.Label, na.Code.ToString(CultureInfo.InvariantCulture))]);
        return new PromptBody(text.ToString(), rows);
    }

    public static StepAnswer Accept(Step step, StepInput input, AnswerContext context)
    {
        var typed = !input.Pressed;
        if (typed && !context.TypedChoices) return StepAnswer.Refuse(context.Messages.UseButtons);
        var value = typed ? input.Trimmed : input.Value;
        var node = step.Node;
        var scale = node.Scale!;
        int? code = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        if (node.NotApplicable is { } na && (code == na.Code || (typed && KindButtons.SameLabel(na.Label, value))))
            return StepAnswer.Advance(step, na.Code.ToString(CultureInfo.InvariantCulture), na.Label);
        return code is { } point && point >= scale.Min && point <= scale.Max
            ? StepAnswer.Advance(step, point.ToString(CultureInfo.InvariantCulture), point.ToString(CultureInfo.InvariantCulture))
            : StepAnswer.Refuse(typed ? string.Format(context.Messages.OutOfRange, scale.Min, scale.Max) : context.Messages.StaleButton);
    }

    /// <summary>The answer as the card records it: the point, or the not-applicable label.</summary>
    public static string? Label(Step step, InterviewState state)
    {
        if (step.Column is not { } column || !state.Answers.TryGetValue(column, out var value)) return null;
        return step.Node.NotApplicable is { } na && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) && code == na.Code ? na.Label : value;
    }

    /// <summary>The scale row as a synthetic respondent answers it: now and then not applicable.</summary>
    public static string Synthesize(QuestionNode node, Random random) =>
        node.NotApplicable is { } na && random.Next(20) == 0 ? Text(na.Code) : Text(random.Next(node.Scale!.Min, node.Scale.Max + 1));

    public static InterviewInput Simulate(Prompt prompt, Random random)
    {
        var buttons = KindButtons.Answers(prompt);
        return InterviewInput.Pressed(buttons[random.Next(buttons.Count)].Data);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
