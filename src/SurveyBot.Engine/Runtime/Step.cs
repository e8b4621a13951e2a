using SurveyBot.Engine.Definition;

namespace SurveyBot.Engine.Runtime;

/// <summary>
/// One screen of an interview. A flow node expands into its steps by its kind (one for a single choice, one per
/// matrix item, one per rank pick ...). Its <see cref="Id"/> is the data column it sets, so a state name always says
/// what is being asked.
/// </summary>
public sealed record Step(string Id, QuestionNode Node)
{
    /// <summary>Which part of its question the step asks, in its kind's own words (e.g. a single choice's "other" text).</summary>
    public string Part { get; init; } = "";

    /// <summary>Position among the shown steps (1-based); 0 for recodes and other-specify follow-ups.</summary>
    public int Number { get; init; }

    /// <summary>True when the step counts among the questions shown (it gets a <see cref="Number"/>).</summary>
    public bool Counted { get; init; } = true;

    /// <summary>True for a step never shown (a recode): the interview passes it, computing what it stores.</summary>
    public bool Hidden { get; init; }

    /// <summary>True for a follow-up asked only after its question's answer (other-specify): <c>screen_out_if</c> is judged before it.</summary>
    public bool FollowUp { get; init; }

    /// <summary>True when the answer is a button press the Telegram card keeps as a line of its record.</summary>
    public bool RecordedOnCard { get; init; }

    /// <summary>True when a new card follows the step (an information screen's text, typed answers stay in the chat).</summary>
    public bool EndsCard { get; init; }

    /// <summary>True when the step's prompt lists its question's earlier answers itself (rank picks), so the card's record leaves them out.</summary>
    public bool ListsOwnAnswers { get; init; }

    /// <summary>Index of this step in the plan.</summary>
    public int Index { get; init; }

    /// <summary>The matrix item or open sub-answer this step asks; null otherwise.</summary>
    public MatrixItem? Item { get; init; }

    public int ItemNumber { get; init; }

    /// <summary>For rank steps: which position (1st, 2nd, ...) is being picked.</summary>
    public int Pick { get; init; }

    /// <summary>The data column this step stores (the first, when it stores several); null for info screens.</summary>
    public string? Column { get; init; }

    /// <summary>Every column an unfinished answer to the step may hold (a select-multiple's toggles), erased by /back; by default its <see cref="Column"/>.</summary>
    public IReadOnlyList<string>? StoredColumns { get; init; }

    /// <summary>True for the first step of its node, where the section heading is shown.</summary>
    public bool FirstOfNode { get; init; }

    /// <summary>True for the last step of its node (follow-ups aside), after which <c>screen_out_if</c> is evaluated.</summary>
    public bool LastOfNode { get; init; }
}
