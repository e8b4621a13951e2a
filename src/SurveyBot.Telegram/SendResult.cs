namespace SurveyBot.Channels.Telegram;

/// <summary>The result of <see cref="TelegramSendPipeline.SendAsync{T}"/>.</summary>
/// <param name="Outcome">Sent, Unchanged, Blocked or Failed.</param>
/// <param name="Value">What the Bot API returned (e.g. the sent message) when <paramref name="Outcome"/> is Sent.</param>
/// <param name="Reason">For Blocked and Failed: Telegram's description or the error, with the bot token masked (safe to log and store).</param>
/// <param name="Attempts">How many times the call was made.</param>
public sealed record SendResult<T>(SendOutcome Outcome, T? Value, string? Reason, int Attempts)
{
    /// <summary>True when the chat now shows what was sent (Sent or Unchanged): the outbox row is done.</summary>
    public bool Delivered => Outcome is SendOutcome.Sent or SendOutcome.Unchanged;
}
