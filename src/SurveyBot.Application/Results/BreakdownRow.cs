namespace SurveyBot.Results;

/// <summary>One value of a breakdown: its code (null for unanswered), label and count.</summary>
public sealed record BreakdownRow(int? Value, string Label, int Count);
