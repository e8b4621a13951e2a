using System.Diagnostics;

namespace SurveyBot.FakeBotApi;

/// <summary>
/// Telegram-style flood control: at most N accepted calls in any one-second window, globally and per chat.
/// Rejected calls do not take a slot, so a well-behaved SurveyBot that waits retry_after gets through.
/// </summary>
internal sealed class SlidingWindowRateLimiter
{
    private static readonly long Window = Stopwatch.Frequency;

    private readonly object _lock = new();
    private readonly Queue<long> _global = new();
    private readonly Dictionary<long, Queue<long>> _perChat = [];

    /// <summary>Takes a slot, or returns false with the whole seconds until one frees (at least 1).</summary>
    public bool TryAcquire(long? chatId, int? globalLimit, int? perChatLimit, out int retryAfterSeconds)
    {
        var now = Stopwatch.GetTimestamp();
        retryAfterSeconds = 0;
        lock (_lock)
        {
            Queue<long>? chat = null;
            if (globalLimit is int global && !HasRoom(_global, global, now, ref retryAfterSeconds))
            {
                return false;
            }

            if (perChatLimit is int perChat && chatId is long id)
            {
                if (!_perChat.TryGetValue(id, out chat))
                {
                    chat = new Queue<long>();
                    _perChat[id] = chat;
                }

                if (!HasRoom(chat, perChat, now, ref retryAfterSeconds))
                {
                    return false;
                }
            }

            if (globalLimit is not null)
            {
                _global.Enqueue(now);
            }

            chat?.Enqueue(now);
            return true;
        }
    }

    private static bool HasRoom(Queue<long> stamps, int limit, long now, ref int retryAfterSeconds)
    {
        while (stamps.Count > 0 && now - stamps.Peek() >= Window)
        {
            stamps.Dequeue();
        }

        if (stamps.Count < Math.Max(limit, 0))
        {
            return true;
        }

        // The slot frees when the oldest call in the window is a second old; limit 0 never frees.
        var wait = stamps.Count == 0 ? Window : stamps.Peek() + Window - now;
        retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait / (double)Window));
        return false;
    }
}
