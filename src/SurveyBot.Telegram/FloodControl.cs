using System.Diagnostics;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Tells a chat's own 429 from Telegram slowing the whole bot: when several chats are answered 429 within a
/// second, the limit being met is not any one chat's, and every reply waits out the retry_after. One chat's 429
/// only slows that chat (<see cref="ChatPacer.Pause"/>).
/// </summary>
/// <remarks>Holds the last few 429s only, so it stays the same size however long the bot runs.</remarks>
public sealed class FloodControl
{
    /// <summary>How many different chats answered 429 within <see cref="Within"/> make it the bot's limit.</summary>
    public const int ChatsForBotWide = 3;

    private static readonly long Within = Stopwatch.Frequency;

    private readonly (long Chat, long At)[] _recent = new (long, long)[8];
    private readonly Lock _lock = new();
    private int _next;
    private long _pausedUntil;

    /// <summary>Notes a 429 for <paramref name="chatId"/>; true when it makes the bot as a whole wait (and it now does).</summary>
    public bool Note(long chatId, TimeSpan retryAfter)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            _recent[_next] = (chatId, now);
            _next = (_next + 1) % _recent.Length;
            var chats = _recent.Where(r => r.At != 0 && now - r.At <= Within).Select(r => r.Chat).Distinct().Count();
            if (chats < ChatsForBotWide) return false;
            var until = now + (long)(retryAfter.TotalSeconds * Stopwatch.Frequency);
            if (until > _pausedUntil) _pausedUntil = until;
            return true;
        }
    }

    /// <summary>How long every reply must still wait because the bot as a whole was told to (zero when it need not).</summary>
    public TimeSpan Wait()
    {
        long until;
        lock (_lock) until = _pausedUntil;
        var now = Stopwatch.GetTimestamp();
        return until > now ? Stopwatch.GetElapsedTime(now, until) : TimeSpan.Zero;
    }
}
