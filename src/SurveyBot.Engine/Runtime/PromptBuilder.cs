using System.Text;
using SurveyBot.Engine.Definition;

namespace SurveyBot.Engine.Runtime;

/// <summary>Turns a step and the respondent's answers so far into the message and buttons they see.</summary>
public sealed class PromptBuilder(FlowPlan plan, EngineMessages messages)
{
    public Prompt Build(Step step, InterviewState state)
    {
        var node = step.Node;
        var text = new StringBuilder();
        text.Append('[').Append(string.Format(messages.Progress, step.Number == 0 ? PreviousNumber(step) : step.Number, plan.ShownStepCount)).Append("]\n");
        if (step.FirstOfNode && node.Section is { } section) text.Append("■ ").Append(section).Append("\n\n");
        text.Append(step.Kind == StepKind.OtherText ? OtherPrompt(node) : node.Text);
        if (node.Note is { } note && step.Kind != StepKind.OtherText) text.Append("\n\n").Append(note);

        var rows = new List<IReadOnlyList<PromptButton>>();
        var expectsText = false;
        switch (step.Kind)
        {
            case StepKind.Info:
                rows.Add([Button(step, node.Button ?? messages.NextButton, CallbackData.Next)]);
                break;
            case StepKind.Choice:
                rows.AddRange(Grid(step, node.Options.Select(o => (o.Label, o.Code.ToString())), node.ButtonsPerRow));
                break;
            case StepKind.Numeric:
                expectsText = true;
                text.Append("\n\n").Append(messages.NumericHint);
                if (node.Unit is { } unit) text.Append(" (").Append(unit).Append(')');
                break;
            case StepKind.Rating:
                if (step.Item is { } item) text.Append("\n\n").Append($"({step.ItemNumber}/{node.Items.Count}) ").Append(item.Label);
                var scale = node.Scale!;
                text.Append("\n\n").Append(string.Format(messages.ScaleLegend, scale.Min, scale.Low, scale.Max, scale.High));
                rows.Add(Enumerable.Range(scale.Min, scale.Max - scale.Min + 1).Select(p => Button(step, p.ToString(), p.ToString())).ToList());
                if (node.NotApplicable is { } na) rows.Add([Button(step, na.Label, na.Code.ToString())]);
                break;
            case StepKind.RankPick:
                var chosen = ChosenSoFar(step, state);
                if (chosen.Count > 0)
                    text.Append("\n\n").Append(string.Format(messages.RankChosen, string.Join(", ", chosen.Select((c, i) => $"{i + 1}순위 {Option(node, c).Label}"))));
                text.Append("\n\n").Append(string.Format(messages.RankHint, step.Pick));
                var remaining = RankOrder(node, state).Where(c => !chosen.Contains(c));
                rows.AddRange(Grid(step, remaining.Select(c => (RankLabel(node, Option(node, c), state), c.ToString())), node.ButtonsPerRow));
                break;
            case StepKind.OpenText:
                expectsText = true;
                if (step.Item is { } sub) text.Append("\n\n").Append(sub.Label);
                text.Append("\n\n").Append(messages.OpenHint);
                if (state.Answers.TryGetValue(step.Column!, out var soFar)) text.Append('\n').Append(string.Format(messages.OpenSoFar, soFar.Length));
                rows.Add([Button(step, messages.DoneButton, CallbackData.Done)]);
                break;
            case StepKind.OtherText:
                expectsText = true;
                break;
        }
        if (state.History.Count > 0)
        {
            var label = step.Kind == StepKind.RankPick && step.Pick > 1 ? messages.UndoButton : messages.BackButton;
            rows.Add([Button(step, label, CallbackData.Back)]);
        }
        var soFarText = step.Kind == StepKind.OpenText && state.Answers.TryGetValue(step.Column!, out var partial) ? partial : null;
        return new Prompt(step.Id, text.ToString(), rows) { AnswerSoFar = soFarText, Kind = step.Kind, ExpectsText = expectsText, Number = step.Number, Total = plan.ShownStepCount };
    }

    /// <summary>The closing message of an ended interview.</summary>
    public Prompt Final(InterviewState state) =>
        new("", ClosingText(state.Status), []) { IsFinal = true, Total = plan.ShownStepCount };

    private string ClosingText(InterviewStatus status) => status switch
    {
        InterviewStatus.ScreenedOut => plan.Flow.Messages.ScreenedOut,
        InterviewStatus.QuotaFull => plan.Flow.Messages.QuotaFull,
        _ => plan.Flow.Messages.Completed,
    };

    /// <summary>The option codes of a rank node in the order shown to this respondent.</summary>
    public IReadOnlyList<int> RankOrder(QuestionNode node, InterviewState state) =>
        state.Answers.TryGetValue(node.OrderColumn, out var stored)
            ? stored.Split(',').Select(int.Parse).ToList()
            : FlowPlan.RotatedOrder(node, state.Ordinal);

    /// <summary>Options already ranked before this pick, in rank order.</summary>
    public static List<int> ChosenSoFar(Step step, InterviewState state)
    {
        var chosen = new List<int>();
        for (var p = 1; p < step.Pick; p++)
            if (state.Answers.TryGetValue(step.Node.RankColumn(p), out var value) && int.TryParse(value, out var code)) chosen.Add(code);
        return chosen;
    }

    /// <summary>An option's label with the earlier score piped in, e.g. "교통정보 문제 (6점)".</summary>
    public static string RankLabel(QuestionNode node, ChoiceOption option, InterviewState state)
    {
        if (node.Pipe is not { } pipe || option.ScoreFrom is not { } from) return option.Label;
        if (!state.Answers.TryGetValue(from, out var score) || !IsScalePoint(score)) return option.Label;
        return pipe.Replace("{label}", option.Label).Replace("{score}", score);
    }

    private static bool IsScalePoint(string score) => int.TryParse(score, out var value) && value is >= 0 and < 99;

    private static ChoiceOption Option(QuestionNode node, int code) => node.Options.First(o => o.Code == code);

    private int PreviousNumber(Step step) => plan.Steps.Take(step.Index).LastOrDefault(s => s.Number > 0)?.Number ?? 1;

    private string OtherPrompt(QuestionNode node) => node.Options.FirstOrDefault(o => o.Other)?.OtherPrompt ?? messages.OtherHint;

    private static PromptButton Button(Step step, string label, string value) => new(label, CallbackData.For(step.Id, value));

    private static IEnumerable<IReadOnlyList<PromptButton>> Grid(Step step, IEnumerable<(string Label, string Value)> options, int perRow) =>
        options.Select(o => Button(step, o.Label, o.Value)).Chunk(Math.Max(1, perRow)).Select(row => (IReadOnlyList<PromptButton>)row);
}
