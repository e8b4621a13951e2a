namespace SurveyBot.Configuration;

/// <summary>
/// Range checks shared by the options validators. Each failure names the setting as an operator sets it
/// (the environment variable, e.g. <c>Telegram__PerChatBurst</c>), so a refused start says what to fix.
/// </summary>
internal sealed class SettingRules(string section)
{
    private readonly List<string> _failures = [];

    public IReadOnlyList<string> Failures => _failures;

    public string Name(string key) => $"{section}__{key}";

    public void AtLeast(string key, double value, double minimum, string? why = null)
    {
        if (value < minimum) Fail(key, value, $"must be {minimum} or more{Why(why)}");
    }

    public void Between(string key, double value, double minimum, double maximum, string? why = null)
    {
        if (value < minimum || value > maximum) Fail(key, value, $"must be {minimum}-{maximum}{Why(why)}");
    }

    /// <param name="value">What was set, shown beside the name; null when it must not be echoed or is empty.</param>
    public void Fail(string key, object? value, string problem) =>
        _failures.Add(value is null ? $"{Name(key)} {problem}" : $"{Name(key)}={value} {problem}");

    private static string Why(string? why) => why is null ? "" : $" ({why})";
}
