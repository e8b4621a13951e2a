namespace SurveyBot.Storage;

/// <summary>A broadcast recipient an instance has just claimed, with its contact state (null for a chat that never wrote to the bot).</summary>
public sealed class ClaimedRecipient
{
    public long ChatId { get; set; }
    public string? State { get; set; }
}
