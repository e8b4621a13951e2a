using System.Globalization;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Kinds.Charts;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds.Scale;

/// <summary><c>kind: scale</c>: one rating on a row of points <c>scale.min</c>..<c>scale.max</c>, its end labels in the text.</summary>
public sealed class ScaleKind : IQuestionKind
{
    public string Name => "scale";

    public IReadOnlyCollection<string> Keys { get; } = ["scale"];

    public ColumnUses Uses => ColumnUses.RecodeSource | ColumnUses.Breakdown | ColumnUses.QuotaVariable;

    public QuestionNode Read(QuestionNode node, NodeReader reader) => node with { Scale = reader.Scale() };

    public void Validate(QuestionNode node, KindCheck check)
    {
        if (node.Scale is null) check.Error(node.Line, "needs 'scale'");
    }

    public IEnumerable<string> DataColumns(QuestionNode node) => [node.Code];

    public IEnumerable<Step> Expand(QuestionNode node) => [new Step(node.Code, node) { Part = "rating", Column = node.Code, RecordedOnCard = true }];

    public IEnumerable<ColumnSpec> Columns(QuestionNode node, ColumnSpec common) =>
        [common with { ValueLabels = KindColumns.ScaleEnds(node), Range = KindColumns.ScaleRange(node), Level = MeasurementLevel.Ordinal }];

    public PromptBody Prompt(Step step, PromptContext context) => Rating.Prompt(step, context);

    public StepAnswer Accept(Step step, StepInput input, AnswerContext context) => Rating.Accept(step, input, context);

    public string? CardLine(IReadOnlyList<Step> steps, InterviewState state) => Rating.Label(steps[0], state);

    public IEnumerable<string> ChartCodes(QuestionNode node) => [node.Code];

    /// <summary>Every point of the scale, the ends with their labels, so an unused point shows as zero.</summary>
    public ChartSpec? Chart(QuestionNode node, string code)
    {
        var scale = node.Scale!;
        var ends = KindColumns.ScaleEnds(node);
        var points = Enumerable.Range(scale.Min, scale.Max - scale.Min + 1)
            .Select(p => new ValueLabel(p, ends.FirstOrDefault(e => e.Value == p)?.Label is { } end ? $"{p} {end}" : p.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        return new FrequencyChart(node.Code, node.Code, points) { Labelled = true };
    }

    public void Synthesize(QuestionNode node, Dictionary<string, string> answers, Random random, long ordinal) =>
        answers[node.Code] = random.Next(node.Scale!.Min, node.Scale.Max + 1).ToString(CultureInfo.InvariantCulture);

    public InterviewInput Simulate(Step step, Prompt prompt, Random random) => Rating.Simulate(prompt, random);
}
