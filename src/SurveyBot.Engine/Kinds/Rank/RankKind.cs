using System.Globalization;
using System.Text;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Kinds.Charts;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds.Rank;

/// <summary>
/// <c>kind: rank</c>: the top <c>picks</c> of the options, one pick per screen (1st, then 2nd, ...); chosen options
/// leave the keyboard and an undo button takes the last pick back. <c>pipe</c> shows beside each option the score the
/// respondent gave the matrix item named by its <c>score_from</c> ("교통정보 문제 (6점)"); <c>rotate: cyclic</c> rotates the options.
/// </summary>
public sealed class RankKind : IQuestionKind
{
    public string Name => "rank";

    public IReadOnlyCollection<string> Keys { get; } = ["options", "columns", "picks", "pipe", "rotate"];

    /// <summary>The column of the option ranked at <paramref name="position"/> (Q5_1 = 1st).</summary>
    public static string Column(QuestionNode node, int position) => $"{node.Code}_{position.ToString(CultureInfo.InvariantCulture)}";

    public QuestionNode Read(QuestionNode node, NodeReader reader) => node with
    {
        Options = reader.Options(),
        ButtonsPerRow = reader.Int("columns") ?? 1,
        Picks = reader.Int("picks") ?? 0,
        Pipe = reader.Str("pipe"),
        Rotate = reader.Rotate(),
    };

    public void Validate(QuestionNode node, KindCheck check)
    {
        KindChecks.Options(node, check);
        if (node.Picks < 1 || node.Picks > node.Options.Count) check.Error(node.Line, $"picks must be between 1 and the number of options ({node.Options.Count})");
        if (node.Options.Any(o => o.Other)) check.Error(node.Line, "rank options cannot be 'other'");
        KindChecks.Columns(node, check);
    }

    public IEnumerable<string> DataColumns(QuestionNode node)
    {
        for (var i = 1; i <= node.Picks; i++) yield return Column(node, i);
        if (node.Rotate) yield return node.OrderColumn;
    }

    public IEnumerable<Step> Expand(QuestionNode node) =>
        Enumerable.Range(1, node.Picks).Select(pick => new Step(Column(node, pick), node)
        {
            Part = "pick",
            Column = Column(node, pick),
            Pick = pick,
            RecordedOnCard = true,
            ListsOwnAnswers = true,
        });

    public IEnumerable<ColumnSpec> Columns(QuestionNode node, ColumnSpec common)
    {
        for (var position = 1; position <= node.Picks; position++)
            yield return common with
            {
                Column = Column(node, position),
                Label = $"{common.Label} ({position}순위)",
                ValueLabels = KindColumns.Options(node),
                Range = KindColumns.OptionRange(node),
                ScreenOutIf = position == node.Picks ? node.ScreenOutIf?.Source : null,
            };
        if (node.Rotate) yield return Rotation.Column(node, common);
    }

    public void Arrive(Step step, ArrivalContext context) => Rotation.Arrive(step, context);

    public PromptBody Prompt(Step step, PromptContext context)
    {
        var node = step.Node;
        var state = context.State;
        var text = new StringBuilder();
        var chosen = ChosenSoFar(step, state);
        if (chosen.Count > 0)
            text.Append("\n\n").Append(string.Format(context.Messages.RankChosen, string.Join(", ", chosen.Select((c, i) => $"{i + 1}순위 {Option(node, c).Label}"))));
        text.Append("\n\n").Append(string.Format(context.Messages.RankHint, step.Pick));
        var remaining = Rotation.Shown(node, state).Where(c => !chosen.Contains(c));
        var rows = KindButtons.Grid(step, remaining.Select(c => (Label(node, Option(node, c), state), c.ToString(CultureInfo.InvariantCulture))), node.ButtonsPerRow).ToList();
        return new PromptBody(text.ToString(), rows) { BackUndoes = step.Pick > 1 };
    }

    public StepAnswer Accept(Step step, StepInput input, AnswerContext context)
    {
        var messages = context.Messages;
        if (!input.Pressed && !context.TypedChoices) return StepAnswer.Refuse(messages.UseButtons);
        var value = input.Pressed ? input.Value : input.Trimmed;
        int? code = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        var option = step.Node.Options.FirstOrDefault(o => o.Code == code)
            ?? (input.Pressed ? null : step.Node.Options.FirstOrDefault(o => KindButtons.SameLabel(o.Label, value)));
        return option is null || ChosenSoFar(step, context.State).Contains(option.Code)
            ? StepAnswer.Refuse(input.Pressed ? messages.StaleButton : messages.PickFromList)
            : StepAnswer.Advance(step, option.Code.ToString(CultureInfo.InvariantCulture), option.Label);
    }

    public string? CardLine(IReadOnlyList<Step> steps, InterviewState state)
    {
        var values = new List<string>();
        foreach (var step in steps)
        {
            if (step.Column is not { } column || !state.Answers.TryGetValue(column, out var value)) continue;
            var code = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
            values.Add(string.Format(CultureInfo.InvariantCulture, "{0}순위 {1}", step.Pick, step.Node.Options.FirstOrDefault(o => o.Code == code)?.Label ?? value));
        }
        return values.Count == 0 ? null : string.Join(", ", values);
    }

    public IEnumerable<string> ChartCodes(QuestionNode node) => [node.Code];

    public ChartSpec? Chart(QuestionNode node, string code) =>
        new RankChart(node.Code, Enumerable.Range(1, node.Picks).Select(p => Column(node, p)).ToList(), node.Options);

    public void Synthesize(QuestionNode node, Dictionary<string, string> answers, Random random, long ordinal)
    {
        var picked = node.Options.OrderBy(_ => random.Next()).Take(node.Picks).ToList();
        for (var i = 0; i < picked.Count; i++) answers[Column(node, i + 1)] = picked[i].Code.ToString(CultureInfo.InvariantCulture);
        Rotation.Synthesize(node, answers, ordinal);
    }

    public InterviewInput Simulate(Step step, Prompt prompt, Random random) => Rating.Simulate(prompt, random);

    /// <summary>Options already ranked before this pick, in rank order.</summary>
    private static List<int> ChosenSoFar(Step step, InterviewState state)
    {
        var chosen = new List<int>();
        for (var p = 1; p < step.Pick; p++)
            if (state.Answers.TryGetValue(Column(step.Node, p), out var value) && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code)) chosen.Add(code);
        return chosen;
    }

    /// <summary>An option's label with the earlier score piped in, e.g. "교통정보 문제 (6점)".</summary>
    private static string Label(QuestionNode node, ChoiceOption option, InterviewState state)
    {
        if (node.Pipe is not { } pipe || option.ScoreFrom is not { } from) return option.Label;
        if (!state.Answers.TryGetValue(from, out var score) || !IsScalePoint(score)) return option.Label;
        return pipe.Replace("{label}", option.Label, StringComparison.Ordinal).Replace("{score}", score, StringComparison.Ordinal);
    }

    private static bool IsScalePoint(string score) => int.TryParse(score, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= 0 and < 99;

    private static ChoiceOption Option(QuestionNode node, int code) => node.Options.First(o => o.Code == code);
}
