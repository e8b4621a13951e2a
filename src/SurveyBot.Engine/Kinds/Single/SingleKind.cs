using System.Globalization;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Definition.Conditions;
using SurveyBot.Engine.Kinds.Charts;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds.Single;

/// <summary>
/// <c>kind: single</c>: one option of a list, pressed as a button (in a grid of <c>columns</c> per row) or typed as
/// its number or label in the terminal. An option marked <c>other</c> asks for a text next, stored in <c>CODE_other</c>.
/// </summary>
public sealed class SingleKind : IQuestionKind
{
    private const string OtherPart = "other";

    public string Name => "single";

    public IReadOnlyCollection<string> Keys { get; } = ["options", "columns"];

    public ColumnUses Uses => ColumnUses.RecodeSource | ColumnUses.Breakdown | ColumnUses.QuotaVariable;

    public QuestionNode Read(QuestionNode node, NodeReader reader) =>
        node with { Options = reader.Options(), ButtonsPerRow = reader.Int("columns") ?? 1 };

    public void Validate(QuestionNode node, KindCheck check)
    {
        KindChecks.Options(node, check);
        KindChecks.Columns(node, check);
    }

    public IEnumerable<string> DataColumns(QuestionNode node) =>
        node.Options.Any(o => o.Other) ? [node.Code, node.OtherColumn] : [node.Code];

    public IEnumerable<Step> Expand(QuestionNode node)
    {
        yield return new Step(node.Code, node) { Part = "choice", Column = node.Code, RecordedOnCard = true };
        if (node.Options.Any(o => o.Other))
            yield return new Step(node.OtherColumn, node) { Part = OtherPart, Column = node.OtherColumn, Counted = false, FollowUp = true };
    }

    public IEnumerable<ColumnSpec> Columns(QuestionNode node, ColumnSpec common)
    {
        yield return common with { ValueLabels = KindColumns.Options(node), Range = KindColumns.OptionRange(node) };
        if (node.Options.FirstOrDefault(o => o.Other) is { } other)
            yield return common with
            {
                Column = node.OtherColumn,
                IsNumeric = false,
                Label = $"{common.Label} - {other.Label}",
                AskedWhen = Both(node.ShowIf?.Source, $"{node.Code} = {other.Code}"),
                ScreenOutIf = null,
            };
    }

    /// <summary>The other-specify text is asked only after an option marked <c>other</c> was chosen.</summary>
    public Condition? AskedWhen(Step step) =>
        step.Part == OtherPart
            ? ConditionParser.Parse(string.Join(" or ", step.Node.Options.Where(o => o.Other).Select(o => $"{step.Node.Code} = {o.Code.ToString(CultureInfo.InvariantCulture)}")))
            : null;

    public PromptBody Prompt(Step step, PromptContext context)
    {
        var node = step.Node;
        if (step.Part == OtherPart)
            return new PromptBody("", []) { ExpectsText = true, Question = node.Options.FirstOrDefault(o => o.Other)?.OtherPrompt ?? context.Messages.OtherHint };
        return new PromptBody("", KindButtons.Grid(step, node.Options.Select(o => (o.Label, o.Code.ToString(CultureInfo.InvariantCulture))), node.ButtonsPerRow).ToList());
    }

    public StepAnswer Accept(Step step, StepInput input, AnswerContext context)
    {
        var messages = context.Messages;
        if (step.Part == OtherPart)
        {
            if (input.Pressed) return StepAnswer.Refuse(messages.StaleButton);
            var text = input.Trimmed;
            if (text.Length == 0) return StepAnswer.Refuse(messages.EmptyAnswer);
            if (text.Length > step.Node.MaxLength) return StepAnswer.Refuse(string.Format(messages.TooLong, step.Node.MaxLength));
            return StepAnswer.Advance(step, text, text);
        }
        if (!input.Pressed && !context.TypedChoices) return StepAnswer.Refuse(messages.UseButtons);
        var value = input.Pressed ? input.Value : input.Trimmed;
        int? code = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var option = step.Node.Options.FirstOrDefault(o => o.Code == code)
            ?? (input.Pressed ? null : step.Node.Options.FirstOrDefault(o => KindButtons.SameLabel(o.Label, value)));
        return option is null
            ? StepAnswer.Refuse(input.Pressed ? messages.StaleButton : messages.PickFromList)
            : StepAnswer.Advance(step, option.Code.ToString(CultureInfo.InvariantCulture), option.Label);
    }

    public string? CardLine(IReadOnlyList<Step> steps, InterviewState state)
    {
        var step = steps[0];
        if (step.Column is not { } column || !state.Answers.TryGetValue(column, out var value)) return null;
        var code = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
        return step.Node.Options.FirstOrDefault(o => o.Code == code)?.Label ?? value;
    }

    public IEnumerable<string> ChartCodes(QuestionNode node) => [node.Code];

    public ChartSpec? Chart(QuestionNode node, string code) => new FrequencyChart(node.Code, node.Code, KindColumns.Options(node));

    public void Synthesize(QuestionNode node, Dictionary<string, string> answers, Random random, long ordinal)
    {
        var option = node.Options[random.Next(node.Options.Count)];
        answers[node.Code] = option.Code.ToString(CultureInfo.InvariantCulture);
        if (option.Other) answers[node.OtherColumn] = "기타 응답 " + random.Next(1000).ToString(CultureInfo.InvariantCulture);
        else answers.Remove(node.OtherColumn);
    }

    public InterviewInput Simulate(Step step, Prompt prompt, Random random)
    {
        if (step.Part == OtherPart) return InterviewInput.Typed("의견 " + random.Next(1000).ToString(CultureInfo.InvariantCulture));
        // The last option of a long list is the "그 외" that screens out: avoided, so simulated interviews run on.
        var buttons = KindButtons.Answers(prompt);
        return InterviewInput.Pressed(buttons[random.Next(buttons.Count > 10 ? buttons.Count - 1 : buttons.Count)].Data);
    }

    private static string? Both(string? first, string second) => first is null ? second : $"({first}) and {second}";
}
