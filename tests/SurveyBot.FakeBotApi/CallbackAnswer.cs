namespace SurveyBot.FakeBotApi;

/// <summary>An answerCallbackQuery call made by SurveyBot (the toast or alert a respondent sees).</summary>
/// <param name="CallbackQueryId">The id of the callback query being answered.</param>
/// <param name="ChatId">The chat in which the button was pressed, when the query id is known.</param>
/// <param name="Text">The notification text, if any.</param>
/// <param name="ShowAlert">Whether it is shown as an alert instead of a toast.</param>
/// <param name="AnsweredAtUtc">When the answer arrived.</param>
public sealed record CallbackAnswer(string CallbackQueryId, long? ChatId, string? Text, bool ShowAlert, DateTime AnsweredAtUtc);
