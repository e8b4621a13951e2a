namespace SurveyBot.Engine.Runtime.Events;

public sealed record WentBack(string FromStep, string ToStep, IReadOnlyList<string> Erased) : InterviewEvent;
