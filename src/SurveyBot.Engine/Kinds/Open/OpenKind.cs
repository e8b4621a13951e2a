using System.Globalization;
using System.Text;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds.Open;

/// <summary>
/// <c>kind: open</c>: free text, one screen per sub-answer when it has <c>items</c>. A long answer may span several
/// messages (each one stored as it arrives, up to <c>max_length</c> in all) until 완료.
/// </summary>
public sealed class OpenKind : IQuestionKind
{
    public string Name => "open";

    public IReadOnlyCollection<string> Keys { get; } = ["items", "max_length"];

    public QuestionNode Read(QuestionNode node, NodeReader reader) => node with { Items = reader.Items(), MaxLength = reader.Int("max_length") ?? 20000 };

    public void Validate(QuestionNode node, KindCheck check) => KindChecks.Items(node, check);

    public IEnumerable<string> DataColumns(QuestionNode node) => node.Items.Count == 0 ? [node.Code] : node.Items.Select(i => i.Code);

    public IEnumerable<Step> Expand(QuestionNode node) =>
        node.Items.Count == 0
            ? [new Step(node.Code, node) { Part = "text", Column = node.Code, EndsCard = true }]
            : node.Items.Select((item, i) => new Step(item.Code, node) { Part = "text", Column = item.Code, Item = item, ItemNumber = i + 1, EndsCard = true });

    public IEnumerable<ColumnSpec> Columns(QuestionNode node, ColumnSpec common) =>
        node.Items.Count == 0
            ? [common with { IsNumeric = false }]
            : node.Items.Select(item => common with { Column = item.Code, IsNumeric = false, Label = $"{common.Label} - {item.Label}" });

    public PromptBody Prompt(Step step, PromptContext context)
    {
        var text = new StringBuilder();
        if (step.Item is { } sub) text.Append("\n\n").Append(sub.Label);
        text.Append("\n\n").Append(context.Messages.OpenHint);
        var soFar = context.State.Answers.TryGetValue(step.Column!, out var partial) ? partial : null;
        if (soFar is not null) text.Append('\n').Append(string.Format(context.Messages.OpenSoFar, soFar.Length));
        return new PromptBody(text.ToString(), [[KindButtons.Button(step, context.Messages.DoneButton, CallbackData.Done)]]) { ExpectsText = true, AnswerSoFar = soFar };
    }

    public StepAnswer Accept(Step step, StepInput input, AnswerContext context)
    {
        var messages = context.Messages;
        if (input.Pressed) return input.Value == CallbackData.Done ? Finish(step, context) : StepAnswer.Refuse(messages.StaleButton);
        if (input.Trimmed == messages.DoneWord) return Finish(step, context);
        var piece = input.Trimmed;
        if (piece.Length == 0) return StepAnswer.Refuse(messages.EmptyAnswer);
        var column = step.Column!;
        var combined = context.State.Answers.TryGetValue(column, out var earlier) ? earlier + "\n" + piece : piece;
        if (combined.Length > step.Node.MaxLength) return StepAnswer.Refuse(string.Format(messages.TooLong, step.Node.MaxLength));
        return StepAnswer.Stay([new AnswerChange(column, combined)], messages.OpenSaved);
    }

    public void Synthesize(QuestionNode node, Dictionary<string, string> answers, Random random, long ordinal)
    {
        foreach (var column in DataColumns(node)) answers[column] = "의견 " + random.Next(1000).ToString(CultureInfo.InvariantCulture);
    }

    public InterviewInput Simulate(Step step, Prompt prompt, Random random) =>
        prompt.AnswerSoFar is not null && random.Next(3) > 0
            ? InterviewInput.Pressed(prompt.Buttons.SelectMany(r => r).First(b => b.Value == CallbackData.Done).Data)
            : InterviewInput.Typed("의견 " + random.Next(1000).ToString(CultureInfo.InvariantCulture));

    private static StepAnswer Finish(Step step, AnswerContext context)
    {
        if (!context.State.Answers.TryGetValue(step.Column!, out var text) || text.Length == 0) return StepAnswer.Refuse(context.Messages.EmptyAnswer);
        return StepAnswer.Advance(step, null, text.Length > 40 ? text[..40] + "…" : text);
    }
}
