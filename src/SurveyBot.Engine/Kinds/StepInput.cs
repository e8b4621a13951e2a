namespace SurveyBot.Engine.Kinds;

/// <summary>An input for the current step: a button's value (after the step id of its callback data) or typed text as sent.</summary>
public sealed record StepInput(bool Pressed, string Value)
{
    /// <summary>The typed text without surrounding white space.</summary>
    public string Trimmed => Value.Trim();
}
