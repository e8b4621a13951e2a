namespace SurveyBot.Engine.Runtime.Events;

/// <summary>The respondent's cell of a quota was already full when it became known, so the interview ended.</summary>
public sealed record EndedByFullQuota(string Quota, string Cell) : InterviewEvent;
