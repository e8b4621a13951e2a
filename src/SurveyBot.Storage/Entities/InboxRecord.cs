namespace SurveyBot.Storage.Entities;

/// <summary>
/// One update received from the messaging platform, stored before its receipt is confirmed. The
/// update id is the key, so an update delivered twice is stored once.
/// </summary>
public sealed class InboxRecord
{
    public long UpdateId { get; set; }

    /// <summary>The chat the update belongs to (0 when it has none); a chat's updates are handled in id order.</summary>
    public long ChatId { get; set; }

    /// <summary>The update as the platform sent it (JSON).</summary>
    public string PayloadJson { get; set; } = "";

    public DateTime ReceivedAt { get; set; }

    /// <summary>Set in the same transaction as everything the update changed; null while pending.</summary>
    public DateTime? ProcessedAt { get; set; }

    /// <summary>Why handling failed, when it did (the update is then set aside, not retried forever).</summary>
    public string? Error { get; set; }
}
