namespace SurveyBot.FakeBotApi;

/// <summary>One queued update: its id and its complete JSON (update_id included).</summary>
internal sealed record UpdateEntry(long Id, byte[] Json);
