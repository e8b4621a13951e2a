namespace SurveyBot.FakeBotApi;

/// <summary>The kinds of injected faults.</summary>
internal enum FaultKind
{
    Fail,
    Delay,
    Drop,
}
