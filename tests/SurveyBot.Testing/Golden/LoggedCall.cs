namespace SurveyBot.Testing.Golden;

/// <summary>A Bot API call as the respondent meets it: the method, the message it edits, its text and its buttons.</summary>
public sealed class LoggedCall
{
    public string Method { get; set; } = "";

    /// <summary>The message an edit rewrites.</summary>
    public int MessageId { get; set; }

    /// <summary>The HTTP status when it was not 200.</summary>
    public int Status { get; set; }

    /// <summary>The text or caption, line by line.</summary>
    public List<string> Text { get; set; } = [];

    /// <summary>Each row of buttons as <c>[label → callback data]</c>.</summary>
    public List<string> Buttons { get; set; } = [];

    /// <summary>A photo's file name.</summary>
    public string? Photo { get; set; }
}
