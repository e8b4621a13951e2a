namespace SurveyBot.Engine.Runtime.Events;

public sealed record InterviewCompleted : InterviewEvent;
