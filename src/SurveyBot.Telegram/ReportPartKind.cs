namespace SurveyBot.Channels.Telegram;

/// <summary>How one piece of a rendered report goes to the chat.</summary>
public enum ReportPartKind
{
    /// <summary>sendMessage with <see cref="ReportPart.Text"/>.</summary>
    Message,

    /// <summary>sendDocument of <see cref="ReportPart.FilePath"/>, captioned with <see cref="ReportPart.Text"/>.</summary>
    Document,

    /// <summary>sendPhoto of <see cref="ReportPart.FilePath"/>, captioned with <see cref="ReportPart.Text"/>.</summary>
    Photo,
}
