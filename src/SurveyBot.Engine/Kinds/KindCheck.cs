using SurveyBot.Engine.Definition;

namespace SurveyBot.Engine.Kinds;

/// <summary>What a kind's checks may read of the questions before the node, and where they report.</summary>
public sealed class KindCheck(IReadOnlySet<string> scoredBefore, IReadOnlySet<string> recodeSourcesBefore, Action<int, string> error)
{
    /// <summary>Telegram's limit on callback_data.</summary>
    public const int MaxCallbackBytes = 64;

    /// <summary>Longest option label we accept on a button.</summary>
    public const int MaxButtonLabel = 64;

    /// <summary>Columns of earlier questions holding scores (matrix items) that <c>score_from</c> may pipe.</summary>
    public IReadOnlySet<string> ScoredBefore => scoredBefore;

    /// <summary>Codes of earlier questions holding a whole number a recode may read.</summary>
    public IReadOnlySet<string> RecodeSourcesBefore => recodeSourcesBefore;

    /// <summary>Reports a problem at <paramref name="line"/> of the flow file, under the node's code.</summary>
    public void Error(int line, string message) => error(line, message);
}
