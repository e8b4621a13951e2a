using Microsoft.Extensions.Options;
using SurveyBot.Configuration;

namespace SurveyBot.Channels.Telegram;

/// <summary>Refuses a <c>Telegram</c> section that cannot work, naming each bad setting.</summary>
public sealed class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var rules = new SettingRules(TelegramOptions.Section);
        if (string.IsNullOrWhiteSpace(options.BotToken)) rules.Fail(nameof(options.BotToken), null, "is required");
        // The value may hold the token (a local Bot API address never should, but a pasted URL might): never echo it.
        if (!string.IsNullOrWhiteSpace(options.ApiBaseUrl)
            && !(Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) && (api.Scheme == Uri.UriSchemeHttp || api.Scheme == Uri.UriSchemeHttps)))
            rules.Fail(nameof(options.ApiBaseUrl), null, "must be an absolute http:// or https:// address, or empty for the public Bot API");
        rules.Between(nameof(options.PollTimeoutSeconds), options.PollTimeoutSeconds, 0, 600, "the long poll's wait in seconds");
        rules.AtLeast(nameof(options.GlobalMessagesPerSecond), options.GlobalMessagesPerSecond, 0, "0 turns the limit off");
        rules.AtLeast(nameof(options.PerChatMessagesPerSecond), options.PerChatMessagesPerSecond, 0, "0 turns the limit off");
        rules.AtLeast(nameof(options.PerChatBurst), options.PerChatBurst, 1,
            $"a chat gets this many messages back to back; to lift the per-chat limit set {rules.Name(nameof(options.PerChatMessagesPerSecond))}=0");
        rules.AtLeast(nameof(options.MaxSendAttempts), options.MaxSendAttempts, 1, "the first attempt counts");
        rules.AtLeast(nameof(options.RetryBaseDelayMilliseconds), options.RetryBaseDelayMilliseconds, 0);
        rules.AtLeast(nameof(options.RequestTimeoutSeconds), options.RequestTimeoutSeconds, 1);
        rules.AtLeast(nameof(options.SenderConcurrency), options.SenderConcurrency, 1, "0 would send nothing");
        rules.AtLeast(nameof(options.ProcessorShards), options.ProcessorShards, 1, "0 would handle no update");
        rules.AtLeast(nameof(options.MaxBatch), options.MaxBatch, 1, "0 would handle no update");
        rules.AtLeast(nameof(options.MaxQueuedUpdates), options.MaxQueuedUpdates, 1, "0 would receive no update");
        rules.AtLeast(nameof(options.MaxQueuedOutboxRows), options.MaxQueuedOutboxRows, 1, "0 would send nothing");
        return rules.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(rules.Failures);
    }
}
