using Microsoft.Extensions.Options;

namespace SurveyBot.Configuration;

/// <summary>
/// Refuses <c>Access</c> ids that can be no Telegram user (a user id is positive; a group's is
/// negative), so a mistyped admin is found at the start rather than by a refusal in the field.
/// </summary>
public sealed class AccessOptionsValidator : IValidateOptions<AccessOptions>
{
    public ValidateOptionsResult Validate(string? name, AccessOptions options)
    {
        var rules = new SettingRules(AccessOptions.Section);
        for (var i = 0; i < options.Admins.Count; i++)
            if (options.Admins[i] <= 0) rules.Fail($"{nameof(options.Admins)}__{i}", options.Admins[i], "must be a Telegram user id (a positive number)");
        for (var i = 0; i < options.Staff.Count; i++)
            if (options.Staff[i] <= 0) rules.Fail($"{nameof(options.Staff)}__{i}", options.Staff[i], "must be a Telegram user id (a positive number)");
        return rules.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(rules.Failures);
    }
}
