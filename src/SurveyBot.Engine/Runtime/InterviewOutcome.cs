using SurveyBot.Engine.Runtime.Events;

namespace SurveyBot.Engine.Runtime;

/// <summary>What one input did: the columns to store or erase, the events, and what to show next.</summary>
public sealed record InterviewOutcome
{
    /// <summary>False when the input was refused: nothing changes and <see cref="Notice"/> says why.</summary>
    public bool Accepted { get; init; }

    /// <summary>A short message for the respondent (why an input was refused, or that an open answer was saved).</summary>
    public string? Notice { get; init; }

    public IReadOnlyList<AnswerChange> Changes { get; init; } = [];

    /// <summary>
    /// What happened beyond the columns, for what reads it (a /back for the paradata's revisits and <c>back_count</c>).
    /// Starting, completing, a screen-out and a full quota are not events: the interview's status and
    /// <c>screened_out_at</c> record them.
    /// </summary>
    public IReadOnlyList<InterviewEvent> Events { get; init; } = [];

    /// <summary>The prompt to show now; null when the current one stays as it is.</summary>
    public Prompt? Next { get; init; }

    /// <summary>The step that was just answered and a label of the answer, so a channel can mark the old question as answered.</summary>
    public string? AnsweredStep { get; init; }

    public string? AnsweredLabel { get; init; }

    /// <summary>
    /// True when the input was not handled because it settles a quota cell and the interview was made
    /// without <see cref="QuotaCounts"/>: nothing changed; hand the input again with the counts.
    /// </summary>
    public bool NeedsQuotaCounts { get; init; }

    /// <summary>With <see cref="NeedsQuotaCounts"/>: the cells whose completed counts the check needs (the respondent's own).</summary>
    public IReadOnlyList<QuotaCell> QuotaCells { get; init; } = [];

    /// <summary>True when the state changed (status, current step or history) and must be stored.</summary>
    public bool StateChanged => Accepted;
}
