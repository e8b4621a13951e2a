namespace SurveyBot.Testing.Golden;

/// <summary>A prompt as the respondent sees it: its text line by line and its buttons row by row.</summary>
public sealed class ShownPrompt
{
    /// <summary>The step id, or <c>(completed)</c> / <c>(screened_out)</c> once the interview has ended.</summary>
    public string Step { get; set; } = "";

    public List<string> Text { get; set; } = [];

    /// <summary>One line per row: <c>[label → callback data]</c> for each button.</summary>
    public List<string> Buttons { get; set; } = [];
}
