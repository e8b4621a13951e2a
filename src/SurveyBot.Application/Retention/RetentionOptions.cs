using System.Globalization;

namespace SurveyBot.Retention;

/// <summary>
/// The <c>Retention</c> configuration section: how long the transport tables keep what they no longer need. Answers and
/// respondents are the survey's results and are not aged out here; they go with an erasure request or with the database.
/// </summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>The longest any period may be: data kept over a year past its use is not "no longer than needed".</summary>
    public const int MaxDays = 365;

    /// <summary>
    /// Days a handled update's row (update id, time; its payload is cleared when handled) is kept. It only guards against
    /// a redelivered update being handled twice, which Telegram does within a day at most.
    /// </summary>
    public int InboxDays { get; set; } = 7;

    /// <summary>Days a call made to a chat (sent, failed or blocked; its text holds questions and piped answers) is kept, for looking into a complaint.</summary>
    public int OutboxDays { get; set; } = 7;

    /// <summary>Days a broadcast's per-recipient delivery records (chat ids and outcomes) are kept after the broadcast ended (an unsent draft: after it was made).</summary>
    public int DeliveryDays { get; set; } = 14;

    /// <summary>Days an update set aside after an error keeps its (reduced) payload for an operator to review, before it is deleted.</summary>
    public int SetAsideDays { get; set; } = 30;

    /// <summary>Minutes between two runs of the pruner (the first runs at start).</summary>
    public int PruneIntervalMinutes { get; set; } = 60;

    /// <summary>The settings as one line, for the codebook and the log.</summary>
    public string Describe() => string.Format(CultureInfo.InvariantCulture,
        "handled updates {0} d, sent messages {1} d, broadcast deliveries {2} d after the broadcast, set-aside updates {3} d; pruned every {4} min",
        InboxDays, OutboxDays, DeliveryDays, SetAsideDays, PruneIntervalMinutes);
}
