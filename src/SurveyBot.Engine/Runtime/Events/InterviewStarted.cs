namespace SurveyBot.Engine.Runtime.Events;

public sealed record InterviewStarted(string FirstStep) : InterviewEvent;
