using SurveyBot.Conversation;

namespace SurveyBot.Channels.Telegram;

/// <summary>How far the sender got with one outbox row's calls, kept while the row is retried after Telegram was unavailable.</summary>
public sealed class OutboxProgress(IReadOnlyList<OutboxCall> calls)
{
    private readonly bool[] _made = new bool[calls.Count];
    private readonly List<string> _errors = [];

    public IReadOnlyList<OutboxCall> Calls { get; } = calls;

    /// <summary>Whether call <paramref name="index"/> was made (sent, or failed for good); it is not made again.</summary>
    public bool Made(int index) => _made[index];

    /// <summary>Records call <paramref name="index"/> as made, with why it failed for good (null when it was sent).</summary>
    public void Record(int index, string? error)
    {
        lock (_errors)
        {
            _made[index] = true;
            if (error is not null) _errors.Add(error);
        }
    }

    /// <summary>Why calls already made failed for good.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors) return [.. _errors];
        }
    }
}
