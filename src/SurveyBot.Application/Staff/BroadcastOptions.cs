namespace SurveyBot.Staff;

/// <summary>The <c>Broadcast</c> configuration section: how fast broadcasts go out.</summary>
public sealed class BroadcastOptions
{
    public const string Section = "Broadcast";

    /// <summary>
    /// The bulk allowance: messages per second across chats for broadcasts and reminders together (unsolicited messages,
    /// which Telegram limits to about 30/s; replies to respondents are not counted here). At most 30.
    /// </summary>
    public int MessagesPerSecond { get; set; } = 30;

    /// <summary>
    /// Paid broadcasts: messages are sent with <c>allow_paid_broadcast</c> (charged in Telegram Stars) and may go out at
    /// <see cref="PaidMessagesPerSecond"/>.
    /// </summary>
    public bool PaidBroadcasts { get; set; }

    /// <summary>The rate of paid broadcasts, at most 1,000 (Telegram's ceiling).</summary>
    public int PaidMessagesPerSecond { get; set; } = 1000;

    /// <summary>Broadcast calls in flight at once. After a kill, at most this many recipients may get the message twice.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>Attempts per recipient for a 5xx or network failure before it is marked failed (a 429 is waited out, not counted).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a CSV list of chat ids may be, in bytes (the default takes about 330,000 ids; the download goes to a temporary file and is read line by line).</summary>
    public int MaxCsvBytes { get; set; } = 4_000_000;

    /// <summary>The rate in force for a broadcast.</summary>
    public int RateFor(bool paid) => paid ? Math.Clamp(PaidMessagesPerSecond, 1, 1000) : Math.Clamp(MessagesPerSecond, 1, 30);
}
