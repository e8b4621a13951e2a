using Microsoft.Extensions.Options;
using SurveyBot.Configuration;

namespace SurveyBot.Staff;

/// <summary>Refuses a <c>Broadcast</c> section that cannot work, naming each bad setting.</summary>
public sealed class BroadcastOptionsValidator : IValidateOptions<BroadcastOptions>
{
    public ValidateOptionsResult Validate(string? name, BroadcastOptions options)
    {
        var rules = new SettingRules(BroadcastOptions.Section);
        rules.Between(nameof(options.MessagesPerSecond), options.MessagesPerSecond, 1, 30, "Telegram's limit for bulk messages is about 30/s");
        rules.Between(nameof(options.PaidMessagesPerSecond), options.PaidMessagesPerSecond, 1, 1000, "Telegram's ceiling for paid broadcasts");
        rules.AtLeast(nameof(options.Concurrency), options.Concurrency, 1, "0 would send nothing");
        rules.AtLeast(nameof(options.MaxAttempts), options.MaxAttempts, 1, "the first attempt counts");
        rules.AtLeast(nameof(options.MaxCsvBytes), options.MaxCsvBytes, 1);
        return rules.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(rules.Failures);
    }
}
