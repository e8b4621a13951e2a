namespace SurveyBot.Engine.Runtime.Events;

public sealed record ScreenedOut(string Code) : InterviewEvent;
