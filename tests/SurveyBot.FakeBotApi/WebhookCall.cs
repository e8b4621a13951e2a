namespace SurveyBot.FakeBotApi;

/// <summary>
/// One POST the fake Telegram made to a webhook: the update it carried, where it went and what came back (0 when the
/// connection failed or timed out).
/// </summary>
public sealed record WebhookCall(long UpdateId, string Url, int StatusCode, DateTime AtUtc);
