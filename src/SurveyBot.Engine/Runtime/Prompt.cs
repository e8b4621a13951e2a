namespace SurveyBot.Engine.Runtime;

/// <summary>What the respondent is shown: a message text and buttons in rows. Channels render it.</summary>
public sealed record Prompt(string StepId, string Text, IReadOnlyList<IReadOnlyList<PromptButton>> Buttons)
{
    /// <summary>The step asked; null once the interview has ended.</summary>
    public Step? Step { get; init; }

    /// <summary>A picture shown with the question: the node's <c>image</c>, as a path from the flow file's folder; null when none.</summary>
    public string? Image { get; init; }

    /// <summary>The question's text as the picture's caption, when it fits one; null when the picture goes without.</summary>
    public string? ImageCaption { get; init; }

    /// <summary>With a caption: the prompt's text without the question the caption already shows.</summary>
    public string? TextBesideImage { get; init; }

    /// <summary>True when the step waits for typed text (numeric, open, other-specify).</summary>
    public bool ExpectsText { get; init; }

    /// <summary>True when the interview has ended and nothing more is asked.</summary>
    public bool IsFinal { get; init; }

    /// <summary>For open answers written over several messages: what is stored so far.</summary>
    public string? AnswerSoFar { get; init; }

    public int Number { get; init; }

    public int Total { get; init; }
}
