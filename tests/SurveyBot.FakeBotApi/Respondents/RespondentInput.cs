namespace SurveyBot.FakeBotApi.Respondents;

/// <summary>One input a simulated respondent sent: a button press (its callback data and the message it was under) or a typed text.</summary>
public sealed record RespondentInput(string? CallbackData, string? Typed)
{
    public int MessageId { get; init; }

    public static RespondentInput Press(string callbackData) => new(callbackData, null);

    public static RespondentInput Text(string text) => new(null, text);
}
