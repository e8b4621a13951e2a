namespace SurveyBot.FakeBotApi;

/// <summary>
/// Settings for a <see cref="FakeBotApiServer"/>. The defaults behave like a healthy Telegram Bot API
/// so that SurveyBot tests only opt in to the faults and limits they exercise.
/// </summary>
public sealed class FakeBotApiOptions
{
    /// <summary>
    /// The token SurveyBot is expected to use. The server accepts any token in the URL and records it,
    /// so this is only what <see cref="FakeBotApiServer.Token"/> hands out to the code under test.
    /// </summary>
    public string Token { get; set; } = FakeBotApiServer.DefaultToken;

    /// <summary>
    /// Maximum number of sendMessage/sendDocument/sendPhoto/editMessageText calls accepted in any sliding
    /// one-second window across all chats; beyond it the server answers 429 with retry_after.
    /// Null disables the limit.
    /// </summary>
    public int? GlobalRateLimitPerSecond { get; set; }

    /// <summary>Same as <see cref="GlobalRateLimitPerSecond"/> but counted per chat. Null disables the limit.</summary>
    public int? PerChatRateLimitPerSecond { get; set; }

    /// <summary>
    /// Telegram's per-chat limit: how many messages (sends and edits together) a rested chat takes back to back; beyond
    /// it the chat takes <see cref="PerChatMessagesPerSecond"/> and the server answers 429 with retry_after. Null
    /// disables it. <see cref="WithTelegramLimits"/> sets Telegram's figures.
    /// </summary>
    public int? PerChatBurst { get; set; }

    /// <summary>The sustained per-chat rate once a chat's burst is spent (with <see cref="PerChatBurst"/>).</summary>
    public double PerChatMessagesPerSecond { get; set; } = 1;

    /// <summary>
    /// Telegram's limit on bulk notifications: new messages to chats that sent nothing within
    /// <see cref="BulkQuietPeriod"/>, in any sliding one-second window. Null disables it.
    /// </summary>
    public int? BulkRateLimitPerSecond { get; set; }

    /// <summary>The same for messages sent with allow_paid_broadcast (Telegram allows up to 1,000/s). Null disables it.</summary>
    public int? PaidBulkRateLimitPerSecond { get; set; }

    /// <summary>How long after a chat's last message or button press a message to it still counts as a reply, not bulk.</summary>
    public TimeSpan BulkQuietPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Telegram's limits as it states them: per chat a burst of 3, then 1 message a second (sends and edits together);
    /// bulk notifications 30 a second, paid broadcasts 1,000.
    /// </summary>
    public FakeBotApiOptions WithTelegramLimits()
    {
        PerChatBurst = 3;
        PerChatMessagesPerSecond = 1;
        BulkRateLimitPerSecond = 30;
        PaidBulkRateLimitPerSecond = 1000;
        return this;
    }

    /// <summary>
    /// How many <see cref="RecordedCall"/>s are kept (oldest are dropped first). Benchmarks run for a long
    /// time at thousands of calls per second, so the log is a ring; <see cref="FakeBotApiServer.CallCount"/>
    /// keeps exact totals regardless.
    /// </summary>
    public int MaxRecordedCalls { get; set; } = 100_000;

    /// <summary>
    /// How many of the bot's newest messages each chat keeps (older ones are forgotten, and editing them fails
    /// as for a deleted message). Null keeps them all; benchmarks with thousands of long interviews keep a few.
    /// </summary>
    public int? MaxMessagesPerChat { get; set; }

    /// <summary>Whether recorded calls keep the request body. Turning it off saves memory in benchmarks.</summary>
    public bool RecordRequestBodies { get; set; } = true;

    /// <summary>
    /// How many already-confirmed updates are retained so that <see cref="FakeBotApiServer.RedeliverFrom"/>
    /// can replay them.
    /// </summary>
    public int MaxRetainedConfirmedUpdates { get; set; } = 20_000;

    /// <summary>
    /// Telegram rejects edits that change nothing with 400 "message is not modified"; SurveyBot must cope
    /// with that, so the fake does the same unless a test switches it off.
    /// </summary>
    public bool RejectUnmodifiedEdits { get; set; } = true;

    /// <summary>
    /// Telegram rejects HTML-formatted text with unknown or unbalanced tags ("can't parse entities");
    /// validating here catches unescaped respondent input in SurveyBot's HTML messages.
    /// </summary>
    public bool ValidateHtml { get; set; } = true;

    /// <summary>
    /// Telegram answers 400 when a callback query id is unknown or was already answered; keeping that makes
    /// duplicate answers from SurveyBot visible.
    /// </summary>
    public bool RejectUnknownCallbackQueries { get; set; } = true;

    /// <summary>
    /// Leaves <c>file_size</c> out of documents and getFile answers, as the Bot API may ("Optional"): SurveyBot must
    /// then bound a download by what it reads, not by what it was told.
    /// </summary>
    public bool OmitFileSizes { get; set; }

    /// <summary>
    /// How long a webhook call that failed (no 2xx, no answer) waits before it is made again. Telegram waits longer and
    /// longer; tests want the retry soon.
    /// </summary>
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The language_code simulated users report, which SurveyBot may use to pick a locale.</summary>
    public string UserLanguageCode { get; set; } = "en";
}
