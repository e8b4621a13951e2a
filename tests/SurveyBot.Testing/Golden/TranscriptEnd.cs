namespace SurveyBot.Testing.Golden;

/// <summary>What is stored once a transcript's last input is handled.</summary>
public sealed class TranscriptEnd
{
    public string Status { get; set; } = "";

    public string? ScreenedOutAt { get; set; }

    public Dictionary<string, string> Answers { get; set; } = [];
}
