using Microsoft.Extensions.Options;
using SurveyBot.Configuration;

namespace SurveyBot.Fieldwork;

/// <summary>Refuses a <c>Fieldwork</c> section that cannot work, naming each bad setting.</summary>
public sealed class FieldworkOptionsValidator : IValidateOptions<FieldworkOptions>
{
    public ValidateOptionsResult Validate(string? name, FieldworkOptions options)
    {
        var rules = new SettingRules(FieldworkOptions.Section);
        rules.AtLeast(nameof(options.ScanIntervalSeconds), options.ScanIntervalSeconds, 1);
        rules.Between(nameof(options.InvitationValidDays), options.InvitationValidDays, 1, 365);
        rules.AtLeast(nameof(options.MaxLinksPerMessage), options.MaxLinksPerMessage, 1);
        return rules.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(rules.Failures);
    }
}
