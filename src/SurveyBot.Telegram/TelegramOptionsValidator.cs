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
        ValidateMode(options, rules);
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

    private static void ValidateMode(TelegramOptions options, SettingRules rules)
    {
        if (!string.Equals(options.Mode, TelegramOptions.PollingMode, StringComparison.OrdinalIgnoreCase) && !options.UsesWebhook)
        {
            rules.Fail(nameof(options.Mode), options.Mode, $"must be {TelegramOptions.PollingMode} or {TelegramOptions.WebhookMode}");
            return;
        }
        if (!options.UsesWebhook) return;
        // The URL is not echoed: operators often put a random path (or even the token) in it.
        if (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            rules.Fail(nameof(options.WebhookUrl), null, "is required in webhook mode: the public https:// address Telegram posts updates to");
        else if (url.Scheme != Uri.UriSchemeHttps && string.IsNullOrWhiteSpace(options.ApiBaseUrl))
            rules.Fail(nameof(options.WebhookUrl), null, "must be https:// for the public Bot API (plain http:// only works with a local Bot API server)");
        else if (url.AbsolutePath == WebhookPaths.Health)
            rules.Fail(nameof(options.WebhookUrl), null, $"must not end in {WebhookPaths.Health}, the health endpoint's path");
        if (!WebhookPaths.IsValidSecret(options.WebhookSecret))
            rules.Fail(nameof(options.WebhookSecret), null, "is required in webhook mode: 1-256 characters of A-Z a-z 0-9 _ - (Telegram's rule for secret_token)");
        if (!Uri.TryCreate(options.WebhookListen, UriKind.Absolute, out var listen) || listen.Scheme != Uri.UriSchemeHttp || listen.AbsolutePath != "/")
            rules.Fail(nameof(options.WebhookListen), options.WebhookListen,
                "must be http://<address>:<port>, e.g. http://127.0.0.1:8443 or http://0.0.0.0:8443 (plain http: TLS belongs to the reverse proxy in front)");
        rules.Between(nameof(options.WebhookMaxConnections), options.WebhookMaxConnections, 1, 100, "Telegram's max_connections");
    }
}
