namespace SurveyBot.Engine.Runtime.Events;

public sealed record AnswerRecorded(string Column, string Value) : InterviewEvent;
