using System.Text;
using SurveyBot.Engine.Kinds;

namespace SurveyBot.Engine.Runtime;

/// <summary>
/// Turns a step and the respondent's answers so far into the message and buttons they see: the progress, the
/// section heading and the question's text are common to every kind; what follows and the buttons are the kind's.
/// </summary>
public sealed class PromptBuilder(FlowPlan plan, EngineMessages messages, bool typedChoices = false)
{
    /// <summary>Telegram's limit on a photo's caption.</summary>
    public const int MaxCaption = 1024;

    public Prompt Build(Step step, InterviewState state)
    {
        var node = step.Node;
        var body = node.Kind.Prompt(step, new PromptContext(state, messages, typedChoices));
        var text = new StringBuilder();
        text.Append('[').Append(string.Format(messages.Progress, step.Number == 0 ? PreviousNumber(step) : step.Number, plan.ShownStepCount)).Append("]\n");
        if (step.FirstOfNode && node.Section is { } section) text.Append("■ ").Append(section).Append("\n\n");
        var heading = text.Length;
        var question = new StringBuilder(body.Question ?? node.Text);
        if (node.Note is { } note && body.Question is null) question.Append("\n\n").Append(note);
        text.Append(question).Append(body.Text);
        var image = step.FirstOfNode && node.Image is { } path ? Path.Combine(Path.GetDirectoryName(plan.Flow.SourcePath) ?? "", path) : null;
        // The picture carries the question as its caption when it fits Telegram's limit; the card then leaves it out.
        var caption = image is not null && question.Length <= MaxCaption ? question.ToString() : null;

        var rows = new List<IReadOnlyList<PromptButton>>(body.Buttons);
        if (state.History.Count > 0)
            rows.Add([KindButtons.Button(step, body.BackUndoes ? messages.UndoButton : messages.BackButton, CallbackData.Back)]);
        return new Prompt(step.Id, text.ToString(), rows)
        {
            AnswerSoFar = body.AnswerSoFar,
            Step = step,
            ExpectsText = body.ExpectsText,
            Number = step.Number,
            Total = plan.ShownStepCount,
            Image = image,
            ImageCaption = caption,
            TextBesideImage = caption is null ? null : (text.ToString(0, heading) + body.Text.TrimStart('\n')).TrimEnd(),
        };
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

    private int PreviousNumber(Step step) => plan.Steps.Take(step.Index).LastOrDefault(s => s.Number > 0)?.Number ?? 1;
}
