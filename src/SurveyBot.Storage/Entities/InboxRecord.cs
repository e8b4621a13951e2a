namespace SurveyBot.Storage.Entities;

/// <summary>
/// One update received from the messaging platform, stored before its receipt is confirmed. An
/// update delivered twice (same id, same content) is stored once; an id Telegram reuses for a new
/// update (after a week without updates it may continue ids at a random, even lower, value) is a
/// new row.
/// </summary>
public sealed class InboxRecord
{
    /// <summary>Arrival order, assigned by the database: a chat's updates are handled in this order.</summary>
    public long Id { get; set; }

    public long UpdateId { get; set; }

    /// <summary>The chat the update belongs to (0 when it has none).</summary>
    public long ChatId { get; set; }

    /// <summary>The update as the platform sent it (JSON).</summary>
    public string PayloadJson { get; set; } = "";

    public DateTime ReceivedAt { get; set; }

    /// <summary>Set in the same transaction as everything the update changed; null while pending.</summary>
    public DateTime? ProcessedAt { get; set; }

    /// <summary>Why handling failed, when it did (the update is then set aside, not retried forever).</summary>
    public string? Error { get; set; }
}
