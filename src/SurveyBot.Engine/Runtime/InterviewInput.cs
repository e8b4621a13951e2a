namespace SurveyBot.Engine.Runtime;

/// <summary>One input from a respondent.</summary>
public sealed record InterviewInput(InputKind Kind, string Text)
{
    public static InterviewInput Typed(string text) => new(InputKind.Text, text);

    public static InterviewInput Pressed(string callbackData) => new(InputKind.Button, callbackData);

    public static InterviewInput Back() => new(InputKind.Back, "");
}
