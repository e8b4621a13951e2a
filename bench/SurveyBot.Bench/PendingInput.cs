using SurveyBot.Engine.Runtime;
using SurveyBot.Interviews;

namespace SurveyBot.Bench;

/// <summary>A simulated respondent's input waiting for the committer; null input starts the interview.</summary>
public sealed record PendingInput(long Chat, InterviewInput? Input, TaskCompletionSource<InterviewTurn> Done);
