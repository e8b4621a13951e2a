using SurveyBot.Engine.Definition;

namespace SurveyBot.Engine.Kinds;

/// <summary>Export descriptions several kinds share: option labels, scale ends and their ranges.</summary>
public static class KindColumns
{
    public static List<ValueLabel> Options(QuestionNode node) => node.Options.Select(o => new ValueLabel(o.Code, o.Label)).ToList();

    public static (int, int)? OptionRange(QuestionNode node) =>
        node.Options.Count > 0 ? (node.Options.Min(o => o.Code), node.Options.Max(o => o.Code)) : null;

    public static List<ValueLabel> ScaleEnds(QuestionNode node) =>
        node.Scale is { } s ? [new ValueLabel(s.Min, s.Low), new ValueLabel(s.Max, s.High)] : [];

    public static (int, int)? ScaleRange(QuestionNode node) => node.Scale is { } s ? (s.Min, s.Max) : null;

    /// <summary>The first line of a question text, its short label in exports.</summary>
    public static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 0 ? line : text.Trim();
    }
}
