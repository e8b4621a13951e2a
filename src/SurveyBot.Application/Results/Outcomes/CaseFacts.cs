namespace SurveyBot.Results.Outcomes;

/// <summary>What storage knows of one interview that a disposition depends on.</summary>
/// <param name="AnsweredQuestions">Answers to shown questions (recodes and rotation orders left out).</param>
/// <param name="OptedOut">The chat has opted out of messages with /stop.</param>
public sealed record CaseFacts(string Status, int AnsweredQuestions, bool OptedOut);
