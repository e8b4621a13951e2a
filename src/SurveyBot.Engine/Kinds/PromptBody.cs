using SurveyBot.Engine.Runtime;

namespace SurveyBot.Engine.Kinds;

/// <summary>A kind's part of a prompt: what follows the question text, its buttons, and whether it waits for typed text.</summary>
public sealed record PromptBody(string Text, IReadOnlyList<IReadOnlyList<PromptButton>> Buttons)
{
    public bool ExpectsText { get; init; }

    /// <summary>Replaces the node's text (an other-specify follow-up asks its own question).</summary>
    public string? Question { get; init; }

    /// <summary>The label of the back button when it undoes a choice made on the same question (a rank pick).</summary>
    public bool BackUndoes { get; init; }

    /// <summary>For open answers written over several messages: what is stored so far.</summary>
    public string? AnswerSoFar { get; init; }
}
