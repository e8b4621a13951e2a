namespace SurveyBot.Engine.Definition;

/// <summary>One answer option of a single-choice or rank question; <see cref="Code"/> is the seed's circled number.</summary>
public sealed record ChoiceOption(int Code, string Label)
{
    /// <summary>Choosing this option asks for a free text stored in <c>CODE_other</c>.</summary>
    public bool Other { get; init; }

    public string? OtherPrompt { get; init; }

    /// <summary>For rank options: the matrix item whose earlier score is piped beside the label.</summary>
    public string? ScoreFrom { get; init; }

    public int Line { get; init; }
}
