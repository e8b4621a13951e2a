namespace SurveyBot.FakeBotApi;

/// <summary>A pending fault for the next <see cref="Remaining"/> calls of a method.</summary>
internal sealed class FaultEntry(FaultKind kind, string method, int count)
{
    public FaultKind Kind { get; } = kind;

    public string Method { get; } = method;

    public int Remaining { get; set; } = count;

    public int StatusCode { get; init; }

    public int? RetryAfter { get; init; }

    public string? Description { get; init; }

    public TimeSpan Delay { get; init; }
}
