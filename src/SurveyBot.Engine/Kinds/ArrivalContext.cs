using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds;

/// <summary>The answers as they stand when the interview reaches a step, and the respondent's ordinal (rotation).</summary>
public sealed class ArrivalContext(Dictionary<string, string> answers, long ordinal, List<AnswerChange> changes)
{
    public IReadOnlyDictionary<string, string> Answers => answers;

    public long Ordinal => ordinal;

    /// <summary>Stores <paramref name="value"/> in <paramref name="column"/> as part of the route.</summary>
    public void Set(string column, string value)
    {
        answers[column] = value;
        changes.Add(new AnswerChange(column, value));
    }
}
