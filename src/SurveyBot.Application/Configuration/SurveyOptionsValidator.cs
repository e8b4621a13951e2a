using Microsoft.Extensions.Options;

namespace SurveyBot.Configuration;

/// <summary>
/// Refuses a <c>Survey</c> section that cannot work, naming each bad setting. Whether
/// <c>Survey__DefaultFlow</c> names a flow that exists is checked where the flows are loaded
/// (<see cref="Flows.FlowCatalog"/>), since only the files know their ids.
/// </summary>
public sealed class SurveyOptionsValidator : IValidateOptions<SurveyOptions>
{
    public ValidateOptionsResult Validate(string? name, SurveyOptions options)
    {
        var rules = new SettingRules(SurveyOptions.Section);
        if (string.IsNullOrWhiteSpace(options.DefaultFlow)) rules.Fail(nameof(options.DefaultFlow), null, "is required (the flow a plain /start begins)");
        if (string.IsNullOrWhiteSpace(options.FlowsPath)) rules.Fail(nameof(options.FlowsPath), null, "is required (the folder of flow files)");
        foreach (var (flowId, window) in options.Fielding)
        {
            if (window.Problem() is { } problem) rules.Fail($"Fielding__{flowId}", null, problem);
        }
        return rules.Failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(rules.Failures);
    }
}
