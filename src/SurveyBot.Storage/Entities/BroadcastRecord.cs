namespace SurveyBot.Storage.Entities;

/// <summary>
/// One message sent to an audience of contacts (an invitation or a reminder). Its recipients and how
/// each delivery ended are <see cref="DeliveryRecord"/>s.
/// </summary>
public sealed class BroadcastRecord
{
    public long Id { get; set; }
    public string FlowId { get; set; } = "";

    /// <summary><c>all</c>, <c>new</c>, <c>in_progress</c> or <c>csv</c>.</summary>
    public string Audience { get; set; } = "";

    public string Text { get; set; } = "";

    /// <summary>The deep-link parameter of the message's button (a multi-use invitation token).</summary>
    public string StartParameter { get; set; } = "";

    /// <summary><c>draft</c> (previewed, awaiting confirmation), <c>running</c>, <c>completed</c> or <c>cancelled</c>.</summary>
    public string Status { get; set; } = Draft;

    /// <summary>The chat of the staff member who created it (told when it finishes); 0 for the command line.</summary>
    public long CreatedBy { get; set; }

    /// <summary>Whether the recipients (<see cref="DeliveryRecord"/>s) are stored; a list from a CSV is stored with the draft, an audience of contacts when sending starts.</summary>
    public bool Materialized { get; set; }

    /// <summary>Send with <c>allow_paid_broadcast</c> (Telegram Stars), which lifts the rate to up to 1,000 messages/s.</summary>
    public bool Paid { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    public const string Draft = "draft";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}
