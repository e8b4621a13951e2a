namespace SurveyBot.Testing.Golden;

/// <summary>One input as the respondent gave it in Telegram, and the Bot API calls it caused.</summary>
public sealed class CallLogEntry
{
    /// <summary>What the respondent did: <c>text: …</c>, <c>press: label</c> or <c>callback: data</c>.</summary>
    public string Input { get; set; } = "";

    public List<LoggedCall> Calls { get; set; } = [];
}
