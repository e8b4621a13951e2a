namespace SurveyBot.Storage.Entities;

/// <summary>
/// One recipient of a broadcast and how its delivery stands. A row is marked <c>sending</c> in its own
/// commit before the Bot API call and gets its outcome in the commit before that sender's next call, so
/// after a kill only rows still <c>sending</c> are in doubt.
/// </summary>
public sealed class DeliveryRecord
{
    public long BroadcastId { get; set; }
    public long ChatId { get; set; }

    /// <summary>Set only when staging rows with a broadcast not yet stored; the key is filled on commit.</summary>
    public BroadcastRecord? Broadcast { get; set; }

    /// <summary><c>pending</c>, <c>sending</c>, <c>sent</c>, <c>failed</c>, <c>blocked</c> or <c>skipped</c> (opted out or blocked before its turn).</summary>
    public string Status { get; set; } = Pending;

    public DateTime? UpdatedAt { get; set; }
    public string? Error { get; set; }

    /// <summary>
    /// On PostgreSQL, the instance that claimed the recipient to send it (see <see cref="BroadcastStore.ClaimPendingAsync"/>),
    /// kept once it is sent; null while nobody claimed it, and always on SQLite.
    /// </summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Until when the claim holds (the database's clock): past it, a claimer that died is known to be gone and its recipients are taken over.</summary>
    public DateTime? LeaseUntil { get; set; }

    public const string Pending = "pending";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Blocked = "blocked";
    public const string Skipped = "skipped";
}
