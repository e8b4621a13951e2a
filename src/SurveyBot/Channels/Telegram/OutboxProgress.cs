namespace SurveyBot.Channels.Telegram;

/// <summary>How far the sender got with one outbox row's calls, kept while the row is retried after Telegram was unavailable.</summary>
public sealed class OutboxProgress(IReadOnlyList<OutboxCall> calls)
{
    public IReadOnlyList<OutboxCall> Calls { get; } = calls;

    /// <summary>The first call not yet made.</summary>
    public int Next { get; set; }

    /// <summary>Why calls already made failed for good.</summary>
    public List<string> Errors { get; } = [];
}
