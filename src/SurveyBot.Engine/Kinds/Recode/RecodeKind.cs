using System.Globalization;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Kinds.Charts;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds.Recode;

/// <summary>
/// <c>kind: recode</c>: never shown; when the interview passes it, the answer in <c>from</c> is put in one of its
/// <c>bands</c> (e.g. SQ3's age into SQ4's bracket), and its <c>screen_out_if</c> is judged on the result.
/// </summary>
public sealed class RecodeKind : IQuestionKind
{
    public string Name => "recode";

    public IReadOnlyCollection<string> Keys { get; } = ["from", "bands"];

    public ColumnUses Uses => ColumnUses.RecodeSource | ColumnUses.Breakdown | ColumnUses.QuotaVariable;

    public bool Shown => false;

    public QuestionNode Read(QuestionNode node, NodeReader reader) => node with { From = reader.Str("from"), Bands = reader.Bands() };

    public void Validate(QuestionNode node, KindCheck check)
    {
        if (node.From is null) check.Error(node.Line, "a recode needs 'from'");
        else if (!check.RecodeSourcesBefore.Contains(node.From)) check.Error(node.Line, $"recode from '{node.From}': no numeric answer with that code is stored before it");
        if (node.Bands.Count == 0) check.Error(node.Line, "a recode needs 'bands'");
        for (var i = 0; i < node.Bands.Count; i++)
            for (var j = i + 1; j < node.Bands.Count; j++)
                if (Overlap(node.Bands[i], node.Bands[j])) check.Error(node.Line, $"bands {node.Bands[i].Code} and {node.Bands[j].Code} overlap");
    }

    public IEnumerable<string> DataColumns(QuestionNode node) => [node.Code];

    public IEnumerable<Step> Expand(QuestionNode node) =>
        [new Step(node.Code, node) { Part = "recode", Column = node.Code, Counted = false, Hidden = true }];

    public IEnumerable<ColumnSpec> Columns(QuestionNode node, ColumnSpec common) =>
    [
        common with
        {
            Label = $"{node.From} 리코드",
            ValueLabels = node.Bands.Select(b => new ValueLabel(b.Code, b.Label)).ToList(),
            Range = node.Bands.Count > 0 ? (node.Bands.Min(b => b.Code), node.Bands.Max(b => b.Code)) : null,
            Level = MeasurementLevel.Ordinal,
        },
    ];

    public string? CodebookNote(QuestionNode node) => $"Computed from `{node.From}`, never shown";

    public void Arrive(Step step, ArrivalContext context)
    {
        if (Band(step.Node, context.Answers) is { } band) context.Set(step.Column!, band.ToString(CultureInfo.InvariantCulture));
    }

    public PromptBody Prompt(Step step, PromptContext context) => new("", []);

    public StepAnswer Accept(Step step, StepInput input, AnswerContext context) => StepAnswer.Refuse(context.Messages.UseButtons);

    public IEnumerable<string> ChartCodes(QuestionNode node) => [node.Code];

    public ChartSpec? Chart(QuestionNode node, string code) =>
        new FrequencyChart(node.Code, node.Code, node.Bands.Select(b => new ValueLabel(b.Code, b.Label)).ToList());

    public void Synthesize(QuestionNode node, Dictionary<string, string> answers, Random random, long ordinal)
    {
        if (Band(node, answers) is { } band) answers[node.Code] = band.ToString(CultureInfo.InvariantCulture);
    }

    public InterviewInput Simulate(Step step, Prompt prompt, Random random) => InterviewInput.Typed("");

    private static int? Band(QuestionNode node, IReadOnlyDictionary<string, string> answers) =>
        answers.TryGetValue(node.From!, out var raw) && int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? node.Bands.FirstOrDefault(b => b.Contains(value))?.Code
            : null;

    private static bool Overlap(RecodeBand a, RecodeBand b) =>
        (a.Min ?? int.MinValue) <= (b.Max ?? int.MaxValue) && (b.Min ?? int.MinValue) <= (a.Max ?? int.MaxValue);
}
