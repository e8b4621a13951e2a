namespace SurveyBot.Engine.Runtime;

/// <summary>A step the respondent answered, and every column that answering it set (recodes and rotation included), so /back can undo it exactly.</summary>
public sealed record HistoryEntry(string StepId, IReadOnlyList<string> Set);
