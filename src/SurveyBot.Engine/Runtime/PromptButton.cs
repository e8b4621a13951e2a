namespace SurveyBot.Engine.Runtime;

/// <summary>A button: the label the respondent sees and the callback data it sends back.</summary>
public sealed record PromptButton(string Label, string Data)
{
    /// <summary>The answer value this button stands for (the part of <see cref="Data"/> after the step id).</summary>
    public string Value => Data[(Data.IndexOf(CallbackData.Separator) + 1)..];
}
