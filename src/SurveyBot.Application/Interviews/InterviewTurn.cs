using SurveyBot.Engine.Runtime;
using SurveyBot.Storage;

namespace SurveyBot.Interviews;

/// <summary>
/// The result of one input for a chat: the interview it touched (null when none was started, e.g.
/// outside the fielding window), what the engine decided and the prompt now current.
/// </summary>
public sealed record InterviewTurn(LoadedInterview? Interview, InterviewOutcome Outcome, Prompt Current)
{
    /// <summary>True when /start found an interview already in progress and resumed it.</summary>
    public bool Resumed { get; init; }

    /// <summary>The prompt the input answered (what was current before it), so a channel can mark that question as answered.</summary>
    public Prompt? Previous { get; init; }
}
