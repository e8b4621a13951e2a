namespace SurveyBot.Storage;

/// <summary>One recipient's new delivery state, as written by <see cref="DeliveryJournal"/>.</summary>
public readonly record struct DeliveryMark(long BroadcastId, long ChatId, string Status, string? Error, DateTime At);
