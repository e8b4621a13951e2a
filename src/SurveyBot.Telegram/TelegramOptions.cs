namespace SurveyBot.Channels.Telegram;

/// <summary>The <c>Telegram</c> configuration section: how SurveyBot reaches the Bot API and how fast it may send.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>
    /// The bot token from @BotFather (<c>Telegram__BotToken</c>). A secret: SurveyBot redacts it from every log
    /// line and never stores it.
    /// </summary>
    public string BotToken { get; set; } = string.Empty;

    /// <summary>
    /// Base URL of the Bot API, e.g. <c>http://localhost:8081</c> for a local Bot API server or the test server.
    /// Empty means the public Bot API.
    /// </summary>
    public string ApiBaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// How updates arrive (<c>Telegram__Mode</c>): <see cref="PollingMode"/> (the default: the bot asks Telegram with
    /// getUpdates, nothing to expose) or <see cref="WebhookMode"/> (Telegram calls <see cref="WebhookUrl"/>, which a reverse
    /// proxy forwards to <see cref="WebhookListen"/>; what several instances behind a load balancer need).
    /// </summary>
    public string Mode { get; set; } = PollingMode;

    public const string PollingMode = "polling";
    public const string WebhookMode = "webhook";

    /// <summary>Whether <see cref="Mode"/> asks for webhook delivery.</summary>
    public bool UsesWebhook => string.Equals(Mode, WebhookMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The public https address Telegram posts updates to (webhook mode). Its path is the path the bot serves on
    /// <see cref="WebhookListen"/>, so the reverse proxy forwards it unchanged.
    /// </summary>
    public string WebhookUrl { get; set; } = string.Empty;

    /// <summary>
    /// The secret Telegram sends with every webhook call (X-Telegram-Bot-Api-Secret-Token): 1-256 characters of
    /// A-Z a-z 0-9 _ -. A call without it is refused, so nobody who guesses the URL can inject updates. Never logged.
    /// </summary>
    public string WebhookSecret { get; set; } = string.Empty;

    /// <summary>
    /// Where the bot's own HTTP listener binds in webhook mode (plain http: TLS is the reverse proxy's job). Loopback by
    /// default, so only a proxy on the same machine reaches it.
    /// </summary>
    public string WebhookListen { get; set; } = "http://127.0.0.1:8443";

    /// <summary>
    /// How many webhook calls Telegram may have open to this bot at once (Telegram's max_connections, 1-100, its default
    /// 40). Concurrent calls are stored in one commit, so more connections cost no more disk syncs.
    /// </summary>
    public int WebhookMaxConnections { get; set; } = 40;

    /// <summary>getUpdates long-poll timeout in seconds; the HTTP timeout is kept above it so a quiet poll never fails.</summary>
    public int PollTimeoutSeconds { get; set; } = 25;

    /// <summary>
    /// An operator's cap on replies across all chats (sends and edits; callback answers are not counted). Off (0) by
    /// default: Telegram's ~30/s applies to bulk notifications (broadcasts, reminders), not to replies to a
    /// respondent's own action, which are paced per chat instead; a cap of 25 held 300 respondents to 13 answers/s.
    /// </summary>
    public int GlobalMessagesPerSecond { get; set; }

    /// <summary>Messages (sends and edits) one chat may receive back to back before per-chat pacing applies (the bucket size).</summary>
    public int PerChatBurst { get; set; } = 3;

    /// <summary>Steady messages (sends and edits) per second to one chat once its burst is spent (Telegram allows about 1). 0 disables the limit.</summary>
    public int PerChatMessagesPerSecond { get; set; } = 1;

    /// <summary>Attempts per Bot API call, the first included, before a transient failure (429, 5xx, network, timeout) is given up.</summary>
    public int MaxSendAttempts { get; set; } = 6;

    /// <summary>
    /// Median delay before the first retry of a 5xx, network error or timeout, in milliseconds; later retries back
    /// off exponentially with jitter. A 429 waits exactly its retry_after instead.
    /// </summary>
    public int RetryBaseDelayMilliseconds { get; set; } = 1000;

    /// <summary>Timeout of one Bot API call attempt other than the long poll, in seconds.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>How many Bot API calls the outbox sender keeps in flight at once (rate limits still apply).</summary>
    public int SenderConcurrency { get; set; } = 64;

    /// <summary>How many shards handle updates in parallel (a chat always goes to the same one).</summary>
    public int ProcessorShards { get; set; } = 2;

    /// <summary>
    /// Whether each stored page of updates is synced to disk (SQLite synchronous=FULL, one sync per poll) before
    /// Telegram is told it arrived. Off, a power loss or OS crash in the moments after a poll could lose updates that
    /// Telegram will not send again; a process kill loses nothing either way.
    /// </summary>
    public bool DurableInbox { get; set; } = true;

    /// <summary>The most updates one shard handles in one transaction.</summary>
    public int MaxBatch { get; set; } = 200;

    /// <summary>
    /// The most received updates held in memory waiting to be handled. At this many the receiver stops polling until the
    /// processor catches up: updates not yet fetched wait at Telegram, unconfirmed, so nothing is lost and memory stays flat
    /// when the bot falls behind.
    /// </summary>
    public int MaxQueuedUpdates { get; set; } = 2000;

    /// <summary>
    /// The most outbox rows held in memory waiting to be sent or recorded. At this many the processor waits before
    /// handling more updates, so a slow or unreachable Bot API makes the backlog wait in the inbox and at Telegram, not in memory.
    /// </summary>
    public int MaxQueuedOutboxRows { get; set; } = 2000;
}
