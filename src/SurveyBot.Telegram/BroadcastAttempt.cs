namespace SurveyBot.Channels.Telegram;

/// <summary>The broadcast retry strategy's count of transient failures for one recipient (429s are not counted).</summary>
internal sealed class BroadcastAttempt
{
    public int TransientFailures { get; set; }
}
