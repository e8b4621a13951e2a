namespace SurveyBot.Storage;

/// <summary>How one outbox call ended: <c>sent</c>, <c>failed</c> or <c>blocked</c>, with the reason when it did not succeed.</summary>
public sealed record OutboxResult(long Id, string Status, string? Error = null);
