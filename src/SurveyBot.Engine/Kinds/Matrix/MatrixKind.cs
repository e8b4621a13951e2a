using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Kinds.Charts;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds.Matrix;

/// <summary>
/// <c>kind: matrix</c>: several <c>items</c> rated on one <c>scale</c>, one screen per item (the card edited in place),
/// with an optional <c>not_applicable</c> answer stored as its own code (99 = 비해당) and exported as user-missing.
/// </summary>
public sealed class MatrixKind : IQuestionKind
{
    public string Name => "matrix";

    public IReadOnlyCollection<string> Keys { get; } = ["scale", "items", "not_applicable"];

    public ColumnUses Uses => ColumnUses.Breakdown | ColumnUses.QuotaVariable;

    public string ColumnNoun => "matrix item";

    public QuestionNode Read(QuestionNode node, NodeReader reader) =>
        node with { Scale = reader.Scale(), Items = reader.Items(), NotApplicable = reader.NotApplicable() };

    public void Validate(QuestionNode node, KindCheck check)
    {
        if (node.Scale is null) check.Error(node.Line, "needs 'scale'");
        if (node.Items.Count == 0) check.Error(node.Line, "needs 'items'");
        if (node.NotApplicable is { } na && node.Scale is { } sc && na.Code >= sc.Min && na.Code <= sc.Max)
            check.Error(node.Line, $"not_applicable code {na.Code} collides with a scale point");
        KindChecks.Items(node, check);
    }

    public IEnumerable<string> DataColumns(QuestionNode node) => node.Items.Select(i => i.Code);

    public IEnumerable<string> ScoredColumns(QuestionNode node) => DataColumns(node);

    public IReadOnlyList<MatrixItem> StraightlineItems(QuestionNode node) => node.Items;

    public IEnumerable<Step> Expand(QuestionNode node) =>
        node.Items.Select((item, i) => new Step(item.Code, node) { Part = "item", Column = item.Code, Item = item, ItemNumber = i + 1, RecordedOnCard = true });

    public IEnumerable<ColumnSpec> Columns(QuestionNode node, ColumnSpec common)
    {
        var labels = KindColumns.ScaleEnds(node);
        if (node.NotApplicable is { } na) labels = [.. labels, new ValueLabel(na.Code, na.Label)];
        return node.Items.Select(item => common with
        {
            Column = item.Code,
            Label = $"{node.Code}) {item.Label}",
            ValueLabels = labels,
            Range = KindColumns.ScaleRange(node),
            MissingValues = node.NotApplicable is { } n ? [n.Code] : [],
            Level = MeasurementLevel.Ordinal,
        });
    }

    public PromptBody Prompt(Step step, PromptContext context) => Rating.Prompt(step, context);

    public StepAnswer Accept(Step step, StepInput input, AnswerContext context) => Rating.Accept(step, input, context);

    public string? CardLine(IReadOnlyList<Step> steps, InterviewState state)
    {
        var values = steps.Select(s => Rating.Label(s, state)).OfType<string>().ToList();
        return values.Count == 0 ? null : string.Join(" · ", values);
    }

    public IEnumerable<string> ChartCodes(QuestionNode node) => [node.Code, .. node.Items.Select(i => i.Code)];

    /// <summary>The means of every item, or of the one item asked for.</summary>
    public ChartSpec? Chart(QuestionNode node, string code) =>
        new MeanChart(node.Code, node.Code == code ? node.Items : node.Items.Where(i => i.Code == code).ToList(), node.Scale!, node.NotApplicable?.Label);

    public void Synthesize(QuestionNode node, Dictionary<string, string> answers, Random random, long ordinal)
    {
        foreach (var item in node.Items) answers[item.Code] = Rating.Synthesize(node, random);
    }

    public InterviewInput Simulate(Step step, Prompt prompt, Random random) => Rating.Simulate(prompt, random);
}
