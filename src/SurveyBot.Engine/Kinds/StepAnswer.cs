using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds;

/// <summary>What an input did to a step, as its kind judged it.</summary>
public sealed record StepAnswer
{
    /// <summary>Set when the input was refused: nothing changes and the respondent reads why.</summary>
    public string? Refusal { get; init; }

    /// <summary>True when the step is answered and the interview moves on.</summary>
    public bool Advances { get; init; }

    /// <summary>The columns the input stores or erases (an erased column has a null value).</summary>
    public IReadOnlyList<AnswerChange> Changes { get; init; } = [];

    /// <summary>A label of the answer, so a channel can mark the old question as answered.</summary>
    public string? Label { get; init; }

    /// <summary>When the step stays (a partial answer): a note for the respondent, or null to show the step again.</summary>
    public string? Notice { get; init; }

    public static StepAnswer Refuse(string notice) => new() { Refusal = notice };

    /// <summary>The step is answered with <paramref name="value"/> in its column (null: nothing new to store).</summary>
    public static StepAnswer Advance(Step step, string? value, string? label) => new()
    {
        Advances = true,
        Label = label,
        Changes = value is not null && step.Column is { } column ? [new AnswerChange(column, value)] : [],
    };

    /// <summary>The step is answered with every column in <paramref name="changes"/>.</summary>
    public static StepAnswer Advance(IReadOnlyList<AnswerChange> changes, string? label) => new() { Advances = true, Label = label, Changes = changes };

    /// <summary>Part of an answer stored; the step stays current.</summary>
    public static StepAnswer Stay(IReadOnlyList<AnswerChange> changes, string? notice) => new() { Changes = changes, Notice = notice };
}
