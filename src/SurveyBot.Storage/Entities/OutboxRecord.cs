namespace SurveyBot.Storage.Entities;

/// <summary>
/// One call to the messaging platform waiting to be made (a question to send, a message to edit, a
/// button press to acknowledge). Staged in the transaction that decided it, drained by the sender.
/// </summary>
public sealed class OutboxRecord
{
    public long Id { get; set; }
    public long ChatId { get; set; }

    /// <summary>What to do, as JSON understood by the channel that staged it.</summary>
    public string PayloadJson { get; set; } = "";

    /// <summary><c>pending</c>, <c>sent</c>, <c>failed</c> or <c>blocked</c>.</summary>
    public string Status { get; set; } = Pending;

    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? Error { get; set; }

    /// <summary>The instance sending the call (see <see cref="OutboxStore.ClaimAsync"/>); null while nobody claimed it.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>Until when the claim holds: past it, an instance that died while sending has its calls taken over.</summary>
    public DateTime? LeaseUntil { get; set; }

    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
    public const string Blocked = "blocked";
}
