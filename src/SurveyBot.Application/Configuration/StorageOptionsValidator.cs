using Microsoft.Extensions.Options;

namespace SurveyBot.Configuration;

/// <summary>Stops the start when the storage settings cannot work (<see cref="StorageOptions.Resolve"/>).</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = options.Resolve().Failures;
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
