namespace SurveyBot.Engine.Runtime.Events;

/// <summary>A fact an input produced; named in the past tense.</summary>
public abstract record InterviewEvent;
