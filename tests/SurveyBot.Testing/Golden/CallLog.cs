namespace SurveyBot.Testing.Golden;

/// <summary>
/// A golden Bot API call log (<c>Fixtures/calllogs/*.yaml</c>): a transcript's inputs played through Telegram, and
/// for each, every call the bot made to the respondent's chat. Written by <c>SURVEYBOT_GOLDEN_UPDATE=1</c>.
/// </summary>
public sealed class CallLog
{
    /// <summary>The transcript whose inputs were played.</summary>
    public string Transcript { get; set; } = "";

    public List<CallLogEntry> Inputs { get; set; } = [];
}
