using System.Globalization;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds;

/// <summary>
/// Cyclic rotation of a node's options (문10 "보기 로테이션"): the start moves by one for each new respondent, so
/// every option is shown first equally often, and the order shown is stored in <c>CODE_order</c>.
/// </summary>
public static class Rotation
{
    /// <summary>The order in which a rotating node shows its options to the respondent with this ordinal.</summary>
    public static IReadOnlyList<int> Order(QuestionNode node, long ordinal)
    {
        var codes = node.Options.Select(o => o.Code).ToList();
        if (!node.Rotate || codes.Count == 0) return codes;
        var start = (int)(((ordinal % codes.Count) + codes.Count) % codes.Count);
        return codes.Skip(start).Concat(codes.Take(start)).ToList();
    }

    /// <summary>The option codes in the order shown to this respondent: as stored once shown, else as the ordinal gives.</summary>
    public static IReadOnlyList<int> Shown(QuestionNode node, InterviewState state) =>
        state.Answers.TryGetValue(node.OrderColumn, out var stored)
            ? stored.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList()
            : Order(node, state.Ordinal);

    /// <summary>Stores the order on reaching the node's first step, once: /back and a return keep the order first shown.</summary>
    public static void Arrive(Step step, ArrivalContext context)
    {
        if (step.Node.Rotate && step.FirstOfNode && !context.Answers.ContainsKey(step.Node.OrderColumn))
            context.Set(step.Node.OrderColumn, string.Join(',', Order(step.Node, context.Ordinal)));
    }

    /// <summary>The order column's export description (text, never screened out on).</summary>
    public static ColumnSpec Column(QuestionNode node, ColumnSpec common) =>
        common with { Column = node.OrderColumn, IsNumeric = false, Label = $"{common.Label} (보기 제시 순서)", ScreenOutIf = null };

    /// <summary>A synthetic respondent's order, as the engine would have rotated it.</summary>
    public static void Synthesize(QuestionNode node, Dictionary<string, string> answers, long ordinal)
    {
        if (!node.Rotate) return;
        var start = (int)(ordinal % node.Options.Count);
        answers[node.OrderColumn] = string.Join(',', node.Options.Skip(start).Concat(node.Options.Take(start)).Select(o => o.Code.ToString(CultureInfo.InvariantCulture)));
    }
}
