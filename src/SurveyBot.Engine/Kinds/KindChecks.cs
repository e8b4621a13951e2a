using System.Text;
using SurveyBot.Engine.Definition;

namespace SurveyBot.Engine.Kinds;

/// <summary>Checks several kinds share: their options, their grid, their items' callback data.</summary>
public static class KindChecks
{
    /// <summary>Options present, codes unique, labels that fit a button, <c>score_from</c> naming an earlier matrix item.</summary>
    public static void Options(QuestionNode node, KindCheck check)
    {
        if (node.Options.Count == 0) check.Error(node.Line, "needs 'options'");
        foreach (var dup in node.Options.GroupBy(o => o.Code).Where(g => g.Count() > 1))
            check.Error(dup.Skip(1).First().Line, $"duplicate option code {dup.Key}");
        foreach (var option in node.Options)
        {
            if (option.Label.Length > KindCheck.MaxButtonLabel)
                check.Error(option.Line, $"option {option.Code} label is {option.Label.Length} characters; a button holds at most {KindCheck.MaxButtonLabel}");
            if (option.ScoreFrom is { } from && !check.ScoredBefore.Contains(from))
                check.Error(option.Line, $"score_from '{from}' is not a matrix item asked earlier");
        }
    }

    public static void Columns(QuestionNode node, KindCheck check)
    {
        if (node.ButtonsPerRow < 1 || node.ButtonsPerRow > 8) check.Error(node.Line, "columns must be between 1 and 8");
    }

    /// <summary>An item's code travels in callback data with the step's value; it must leave room for it.</summary>
    public static void Items(QuestionNode node, KindCheck check)
    {
        foreach (var item in node.Items)
            if (Encoding.UTF8.GetByteCount(item.Code) + 12 > KindCheck.MaxCallbackBytes)
                check.Error(item.Line, $"item code '{item.Code}' makes callback data longer than {KindCheck.MaxCallbackBytes} bytes");
    }
}
