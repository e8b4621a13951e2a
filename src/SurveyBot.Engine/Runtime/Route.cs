namespace SurveyBot.Engine.Runtime;

/// <summary>Where an accepted answer leads, and what passing there stores (the answer, recodes, rotation orders).</summary>
public sealed record Route(string Destination, IReadOnlyList<AnswerChange> Changes, bool ScreenedOut);
