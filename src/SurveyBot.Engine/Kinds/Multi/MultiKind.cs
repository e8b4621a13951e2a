using System.Globalization;
using System.Text;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Kinds.Charts;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds.Multi;

/// <summary>
/// <c>kind: multi</c> (XLSForm's select_multiple): any <c>min</c>..<c>max</c> of the options (default 1 to all). In
/// Telegram each option is a toggle on the card (edited in place, one call per tap) and a done button ends the
/// question; in the terminal the numbers are typed at once ("1,3"). Stored as one 0/1 column per option
/// (<c>CODE_1</c> = option 1 picked) so every statistics package reads it as it reads a checklist, plus
/// <c>CODE_order</c> when the options rotate.
/// </summary>
public sealed class MultiKind : IQuestionKind
{
    private const string Picked = "1";
    private const string NotPicked = "0";

    public string Name => "multi";

    public IReadOnlyCollection<string> Keys { get; } = ["options", "columns", "min", "max", "rotate"];

    /// <summary>The 0/1 column of one option.</summary>
    public static string Column(QuestionNode node, ChoiceOption option) => $"{node.Code}_{option.Code.ToString(CultureInfo.InvariantCulture)}";

    public QuestionNode Read(QuestionNode node, NodeReader reader) => node with
    {
        Options = reader.Options(),
        ButtonsPerRow = reader.Int("columns") ?? 1,
        Min = reader.Int("min"),
        Max = reader.Int("max"),
        Rotate = reader.Rotate(),
    };

    public void Validate(QuestionNode node, KindCheck check)
    {
        KindChecks.Options(node, check);
        KindChecks.Columns(node, check);
        if (node.Options.Any(o => o.Other)) check.Error(node.Line, "multi options cannot be 'other' (add an open question after it)");
        var (min, max) = Bounds(node);
        if (min < 0 || max < 1 || min > max || max > node.Options.Count)
            check.Error(node.Line, $"min and max must satisfy 0 <= min <= max <= the number of options ({node.Options.Count}), max at least 1");
    }

    public IEnumerable<string> DataColumns(QuestionNode node)
    {
        foreach (var option in node.Options) yield return Column(node, option);
        if (node.Rotate) yield return node.OrderColumn;
    }

    public IEnumerable<Step> Expand(QuestionNode node) =>
    [
        new Step(node.Code, node)
        {
            Part = "multi", Column = node.Options.Count > 0 ? Column(node, node.Options[0]) : null, RecordedOnCard = true,
            StoredColumns = node.Options.Select(o => Column(node, o)).ToList(),
        },
    ];

    public IEnumerable<ColumnSpec> Columns(QuestionNode node, ColumnSpec common)
    {
        List<ValueLabel> labels = [new ValueLabel(0, "선택 안 함"), new ValueLabel(1, "선택")];
        foreach (var option in node.Options)
            yield return common with { Column = Column(node, option), Label = $"{common.Label} - {option.Label}", ValueLabels = labels, Range = (0, 1) };
        if (node.Rotate) yield return Rotation.Column(node, common);
    }

    public string? CodebookNote(QuestionNode node)
    {
        var (min, max) = Bounds(node);
        return $"Any {min} to {max} of the options: one column per option, 1 = picked, 0 = not picked (empty when not asked)";
    }

    public void Arrive(Step step, ArrivalContext context) => Rotation.Arrive(step, context);

    public PromptBody Prompt(Step step, PromptContext context)
    {
        var node = step.Node;
        var messages = context.Messages;
        var (min, max) = Bounds(node);
        var chosen = Chosen(node, context.State.Answers);
        var text = new StringBuilder("\n\n");
        if (chosen.Count > 0) text.Append(string.Format(messages.MultiChosen, string.Join(", ", chosen.Select(o => o.Label)))).Append("\n\n");
        text.Append(context.TypedChoices ? string.Format(messages.MultiTypedHint, min, max) : string.Format(messages.MultiHint, min, max, messages.MultiDoneButton));
        var order = Rotation.Shown(node, context.State).Select(code => node.Options.First(o => o.Code == code));
        var rows = KindButtons.Grid(step, order.Select(o => ((chosen.Contains(o) ? messages.MultiSelected : "") + o.Label, o.Code.ToString(CultureInfo.InvariantCulture))), node.ButtonsPerRow).ToList();
        rows.Add([KindButtons.Button(step, messages.MultiDoneButton, CallbackData.Done)]);
        return new PromptBody(text.ToString(), rows);
    }

    public StepAnswer Accept(Step step, StepInput input, AnswerContext context)
    {
        var node = step.Node;
        var messages = context.Messages;
        var (min, max) = Bounds(node);
        var chosen = Chosen(node, context.State.Answers);
        if (input.Pressed)
        {
            if (input.Value == CallbackData.Done) return Finish(node, chosen, min, messages);
            var code = int.TryParse(input.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
            if (node.Options.FirstOrDefault(o => o.Code == code) is not { } option) return StepAnswer.Refuse(messages.StaleButton);
            if (chosen.Contains(option)) return StepAnswer.Stay([new AnswerChange(Column(node, option), null)], null);
            if (chosen.Count >= max) return StepAnswer.Refuse(string.Format(messages.MultiTooMany, max));
            return StepAnswer.Stay([new AnswerChange(Column(node, option), Picked)], null);
        }
        if (input.Trimmed == messages.DoneWord || input.Trimmed == messages.MultiDoneButton) return Finish(node, chosen, min, messages);
        if (!context.TypedChoices) return StepAnswer.Refuse(messages.UseButtons);
        var typed = new List<ChoiceOption>();
        foreach (var part in input.Trimmed.Split([',', ' ', '、', '，'], StringSplitOptions.RemoveEmptyEntries))
        {
            var code = int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : (int?)null;
            var option = node.Options.FirstOrDefault(o => o.Code == code) ?? node.Options.FirstOrDefault(o => KindButtons.SameLabel(o.Label, part));
            if (option is null) return StepAnswer.Refuse(messages.PickFromList);
            if (!typed.Contains(option)) typed.Add(option);
        }
        if (typed.Count > max) return StepAnswer.Refuse(string.Format(messages.MultiTooMany, max));
        return Finish(node, typed, min, messages);
    }

    public string? CardLine(IReadOnlyList<Step> steps, InterviewState state)
    {
        var node = steps[0].Node;
        if (!node.Options.Any(o => state.Answers.ContainsKey(Column(node, o)))) return null;
        var chosen = Chosen(node, state.Answers);
        return chosen.Count == 0 ? EngineMessages.Korean.MultiNone : string.Join(", ", chosen.Select(o => o.Label));
    }

    public IEnumerable<string> ChartCodes(QuestionNode node) => [node.Code];

    public ChartSpec? Chart(QuestionNode node, string code) => new ShareChart(node.Code, node.Options.Select(o => (Column(node, o), $"{o.Code} {o.Label}")).ToList());

    public void Synthesize(QuestionNode node, Dictionary<string, string> answers, Random random, long ordinal)
    {
        var (min, max) = Bounds(node);
        var picked = node.Options.OrderBy(_ => random.Next()).Take(random.Next(min, max + 1)).ToHashSet();
        foreach (var option in node.Options) answers[Column(node, option)] = picked.Contains(option) ? Picked : NotPicked;
        Rotation.Synthesize(node, answers, ordinal);
    }

    /// <summary>Toggles options until at least <c>min</c> are picked, then at random either one more or done.</summary>
    public InterviewInput Simulate(Step step, Prompt prompt, Random random)
    {
        var (min, max) = Bounds(step.Node);
        var buttons = KindButtons.Answers(prompt);
        var done = buttons.First(b => b.Value == CallbackData.Done);
        var selected = buttons.Count(b => b.Label.StartsWith(EngineMessages.Korean.MultiSelected, StringComparison.Ordinal));
        var open = buttons.Where(b => b != done && !b.Label.StartsWith(EngineMessages.Korean.MultiSelected, StringComparison.Ordinal)).ToList();
        if (selected >= max || open.Count == 0 || (selected >= min && random.Next(2) == 0)) return InterviewInput.Pressed(done.Data);
        return InterviewInput.Pressed(open[random.Next(open.Count)].Data);
    }

    private static (int Min, int Max) Bounds(QuestionNode node) => (node.Min ?? 1, node.Max ?? node.Options.Count);

    private static List<ChoiceOption> Chosen(QuestionNode node, IReadOnlyDictionary<string, string> answers) =>
        node.Options.Where(o => answers.TryGetValue(Column(node, o), out var value) && value == Picked).ToList();

    /// <summary>Every option's column set, 1 for the chosen ones, so an unticked option reads 0 rather than empty.</summary>
    private static StepAnswer Finish(QuestionNode node, IReadOnlyList<ChoiceOption> chosen, int min, EngineMessages messages)
    {
        if (chosen.Count < min) return StepAnswer.Refuse(string.Format(messages.MultiTooFew, min));
        var changes = node.Options.Select(o => new AnswerChange(Column(node, o), chosen.Contains(o) ? Picked : NotPicked)).ToList();
        return StepAnswer.Advance(changes, chosen.Count == 0 ? messages.MultiNone : string.Join(", ", chosen.Select(o => o.Label)));
    }
}
