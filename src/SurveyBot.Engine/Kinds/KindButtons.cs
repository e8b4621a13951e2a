using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds;

/// <summary>Buttons as kinds lay them out: callback data names the step, so a press on an older card is recognised.</summary>
public static class KindButtons
{
    public static PromptButton Button(Step step, string label, string value) => new(label, CallbackData.For(step.Id, value));

    /// <summary>Options in rows of <paramref name="perRow"/> (a grid for long lists such as 26 districts).</summary>
    public static IEnumerable<IReadOnlyList<PromptButton>> Grid(Step step, IEnumerable<(string Label, string Value)> options, int perRow) =>
        options.Select(o => Button(step, o.Label, o.Value)).Chunk(Math.Max(1, perRow)).Select(row => (IReadOnlyList<PromptButton>)row);

    /// <summary>The buttons of a prompt a respondent may answer with (navigation aside).</summary>
    public static List<PromptButton> Answers(Prompt prompt) =>
        prompt.Buttons.SelectMany(r => r).Where(b => b.Value != CallbackData.Back).ToList();

    /// <summary>A typed answer matches an option's label whatever its case and surrounding spaces.</summary>
    public static bool SameLabel(string label, string typed) =>
        string.Equals(label.Trim(), typed.Trim(), StringComparison.OrdinalIgnoreCase);
}
