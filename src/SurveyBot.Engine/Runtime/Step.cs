using SurveyBot.Engine.Definition;

namespace SurveyBot.Engine.Runtime;

/// <summary>
/// One screen of an interview. A flow node expands into one step (single, numeric, scale, info),
/// one per item (matrix, open with items) or one per pick (rank). Its <see cref="Id"/> is the data
/// column it sets, so a state name always says what is being asked.
/// </summary>
public sealed record Step(string Id, StepKind Kind, QuestionNode Node)
{
    /// <summary>Position among the shown steps (1-based); 0 for recodes and other-specify follow-ups.</summary>
    public int Number { get; init; }

    /// <summary>Index of this step in the plan.</summary>
    public int Index { get; init; }

    /// <summary>The matrix item or open sub-answer this step asks; null otherwise.</summary>
    public MatrixItem? Item { get; init; }

    public int ItemNumber { get; init; }

    /// <summary>For rank steps: which position (1st, 2nd, ...) is being picked.</summary>
    public int Pick { get; init; }

    /// <summary>The data column this step stores; null for info screens.</summary>
    public string? Column { get; init; }

    /// <summary>True for the first step of its node, where the section heading is shown.</summary>
    public bool FirstOfNode { get; init; }

    /// <summary>True for the last step of its node, after which <c>screen_out_if</c> is evaluated.</summary>
    public bool LastOfNode { get; init; }
}
