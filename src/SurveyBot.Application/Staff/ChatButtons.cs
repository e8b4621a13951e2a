namespace SurveyBot.Staff;

/// <summary>
/// callback_data of the bot's own buttons outside a questionnaire. They start with <c>!</c>, which no question code can
/// (codes are letters, digits and _), so they never reach the interview engine.
/// </summary>
public static class ChatButtons
{
    /// <summary>The reminder's "이어서 응답하기": resumes the interview in progress.</summary>
    public const string Resume = "!resume";

    /// <summary><c>!bc:go:&lt;start parameter&gt;</c> confirms a previewed broadcast, <c>!bc:no:…</c> discards it.</summary>
    public const string BroadcastPrefix = "!bc:";

    public const string BroadcastConfirm = "!bc:go:";
    public const string BroadcastDiscard = "!bc:no:";
}
