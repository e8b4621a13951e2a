namespace SurveyBot.Channels.Telegram;

/// <summary>The <c>Telegram</c> configuration section.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>The bot token from BotFather; empty runs the console channel instead.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>The Bot API server; empty for the public one.</summary>
    public string ApiBaseUrl { get; set; } = "";

    /// <summary>Long-poll timeout of getUpdates, in seconds.</summary>
    public int PollTimeoutSeconds { get; set; } = 25;

    /// <summary>How many calls are in flight at once across chats.</summary>
    public int SenderConcurrency { get; set; } = 64;

    /// <summary>How many shards handle updates in parallel (a chat always goes to the same one).</summary>
    public int ProcessorShards { get; set; } = 2;

    /// <summary>The most updates one shard handles in one transaction.</summary>
    public int MaxBatch { get; set; } = 200;
}
