using System.Text;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Conversation;

/// <summary>
/// How an interview reads in Telegram: the question message (the card) is edited in place to become the next
/// matrix item, rank pick or question, because each send or edit counts against the chat's limit of about one
/// message a second, and one call per answer lets a respondent tap through a matrix without waiting. The card
/// carries a compact record of what was answered on it (one line per question), and a new card starts only where
/// a new message reads better: a new section, after an information screen (whose text stays in the chat), and at
/// the end. The card left behind keeps its record, so the chat reads like a filled-in form.
/// </summary>
public static class QuestionCard
{
    /// <summary>Telegram's limit on a message's text; the oldest record lines give way first.</summary>
    private const int MaxText = 4096;

    private const string Mark = "✔ ";

    /// <summary>The text of the card showing <paramref name="prompt"/>: the record of the answers already on it, then the question.</summary>
    public static string Text(FlowPlan plan, InterviewState state, Prompt prompt)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(prompt);
        if (prompt.IsFinal || !plan.TryGetStep(prompt.StepId, out var step)) return prompt.Text;
        // A rank question lists its own picks; every other question's answered items are recorded above it.
        var record = Record(plan, state, step, state.History.Count, skipNode: step.ListsOwnAnswers ? step.Node : null);
        return Compose(record, prompt.Text);
    }

    /// <summary>
    /// Whether the answer that left <paramref name="left"/> for <paramref name="next"/> starts a new card: at the end,
    /// in a new section, or after an information screen.
    /// </summary>
    public static bool StartsNewCard(FlowPlan plan, Step left, Prompt next)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(next);
        if (next.IsFinal || !plan.TryGetStep(next.StepId, out var step)) return true;
        if (left.EndsCard) return true;
        return SectionOf(plan, left) != SectionOf(plan, step);
    }

    /// <summary>
    /// What the card says once the respondent has moved on from <paramref name="left"/> to a new card: its record with
    /// the question just answered, or, for an information screen, the record and the screen's text
    /// (<paramref name="shown"/>, the engine's prompt as it was).
    /// </summary>
    public static string Closed(FlowPlan plan, InterviewState state, Step left, Prompt shown)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(shown);
        var answered = state.History.Count > 0 && state.History[^1].StepId == left.Id ? state.History.Count - 1 : state.History.Count;
        if (left.EndsCard) return Compose(Record(plan, state, left, answered, null), shown.Text);
        var record = Record(plan, state, left, state.History.Count, null);
        return record.Count == 0 ? shown.Text : Compose(record, "");
    }

    /// <summary>
    /// One line per question answered on the card, oldest first: the history entries before <paramref name="end"/>
    /// back to where the card began (the section's start, an information screen or a typed answer).
    /// </summary>
    private static List<string> Record(FlowPlan plan, InterviewState state, Step anchor, int end, QuestionNode? skipNode)
    {
        var section = SectionOf(plan, anchor);
        var steps = new List<Step>();
        for (var i = end - 1; i >= 0; i--)
        {
            if (!plan.TryGetStep(state.History[i].StepId, out var step)) break;
            if (!step.RecordedOnCard || SectionOf(plan, step) != section) break;
            steps.Add(step);
        }
        steps.Reverse();
        var lines = new List<string>();
        foreach (var node in steps.Select(s => s.Node).Distinct())
        {
            if (ReferenceEquals(node, skipNode)) continue;
            if (node.Kind.CardLine(steps.Where(s => ReferenceEquals(s.Node, node)).ToList(), state) is not { } line) continue;
            lines.Add(Mark + ShortName(node) + ": " + line);
        }
        return lines;
    }

    /// <summary>The question's own number as the questionnaire writes it ("문1", "SQ2"), or its code.</summary>
    private static string ShortName(QuestionNode node)
    {
        var end = node.Text.IndexOf(')', StringComparison.Ordinal);
        return end is > 0 and <= 8 ? node.Text[..end] : node.Code;
    }

    /// <summary>The heading of the section a step belongs to: the last one given at or before its question.</summary>
    private static string? SectionOf(FlowPlan plan, Step step)
    {
        for (var i = step.Index; i >= 0; i--)
            if (plan.Steps[i].Node.Section is { } section) return section;
        return null;
    }

    private static string Compose(List<string> record, string question)
    {
        var text = new StringBuilder();
        var budget = MaxText - question.Length - 2;
        var first = 0;
        while (first < record.Count && record.Skip(first).Sum(l => l.Length + 1) > budget) first++;
        for (var i = first; i < record.Count; i++) text.Append(record[i]).Append('\n');
        if (text.Length == 0) return question;
        if (question.Length == 0) return text.ToString().TrimEnd('\n');
        return text.Append('\n').Append(question).ToString();
    }
}
