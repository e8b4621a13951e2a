using System.Globalization;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds.Numeric;

/// <summary><c>kind: numeric</c>: a typed whole number between <c>min</c> and <c>max</c>, optionally followed by its <c>unit</c> (세).</summary>
public sealed class NumericKind : IQuestionKind
{
    public string Name => "numeric";

    public IReadOnlyCollection<string> Keys { get; } = ["min", "max", "unit"];

    public ColumnUses Uses => ColumnUses.RecodeSource | ColumnUses.QuotaVariable;

    public QuestionNode Read(QuestionNode node, NodeReader reader) =>
        node with { Min = reader.Int("min"), Max = reader.Int("max"), Unit = reader.Str("unit") };

    public void Validate(QuestionNode node, KindCheck check)
    {
        if (node.Min is null || node.Max is null) check.Error(node.Line, "a numeric question needs 'min' and 'max'");
        else if (node.Min > node.Max) check.Error(node.Line, "min is greater than max");
    }

    public IEnumerable<string> DataColumns(QuestionNode node) => [node.Code];

    public IEnumerable<Step> Expand(QuestionNode node) => [new Step(node.Code, node) { Part = "number", Column = node.Code }];

    public IEnumerable<ColumnSpec> Columns(QuestionNode node, ColumnSpec common) =>
        [common with { Range = node.Min is { } min && node.Max is { } max ? (min, max) : null, Level = MeasurementLevel.Scale }];

    public PromptBody Prompt(Step step, PromptContext context)
    {
        var text = "\n\n" + context.Messages.NumericHint + (step.Node.Unit is { } unit ? " (" + unit + ")" : "");
        return new PromptBody(text, []) { ExpectsText = true };
    }

    public StepAnswer Accept(Step step, StepInput input, AnswerContext context)
    {
        var messages = context.Messages;
        if (input.Pressed) return StepAnswer.Refuse(messages.StaleButton);
        var text = input.Trimmed;
        if (text.Length == 0) return StepAnswer.Refuse(messages.EmptyAnswer);
        var node = step.Node;
        var digits = node.Unit is { } unit && text.EndsWith(unit, StringComparison.Ordinal) ? text[..^unit.Length].Trim() : text;
        if (!int.TryParse(digits, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)) return StepAnswer.Refuse(messages.NotANumber);
        if (number < node.Min || number > node.Max) return StepAnswer.Refuse(string.Format(messages.OutOfRange, node.Min, node.Max));
        var value = number.ToString(CultureInfo.InvariantCulture);
        return StepAnswer.Advance(step, value, value + (node.Unit ?? ""));
    }

    public void Synthesize(QuestionNode node, Dictionary<string, string> answers, Random random, long ordinal) =>
        answers[node.Code] = random.Next(node.Min ?? 0, (node.Max ?? 100) + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>An age that passes the citizen screen, so simulated interviews run on.</summary>
    public InterviewInput Simulate(Step step, Prompt prompt, Random random) =>
        InterviewInput.Typed(random.Next(15, 70).ToString(CultureInfo.InvariantCulture));
}
