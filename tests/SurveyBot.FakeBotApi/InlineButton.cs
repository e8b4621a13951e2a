namespace SurveyBot.FakeBotApi;

/// <summary>One inline keyboard button as a respondent sees it under a SurveyBot message.</summary>
/// <param name="Text">The label.</param>
/// <param name="CallbackData">The callback_data sent back when pressed, or null for URL buttons.</param>
/// <param name="Url">The url of a link button, or null.</param>
public sealed record InlineButton(string Text, string? CallbackData, string? Url = null);
