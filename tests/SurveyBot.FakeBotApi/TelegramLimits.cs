using System.Diagnostics;

namespace SurveyBot.FakeBotApi;

/// <summary>
/// Telegram's limits as Telegram states them (Bot FAQ, "My bot is hitting limits"; its engineers on tdlib/td #3034
/// and #2592, tdlib/telegram-bot-api #648): in one chat about one message a second with short bursts, sends and
/// edits sharing it (a token bucket per chat); across chats about 30 messages a second for bulk notifications, up
/// to 1,000 with allow_paid_broadcast. Telegram does not say how it tells bulk from replies; in effect a message to
/// a chat that has sent nothing for a minute is a notification, so that is what is counted as bulk here.
/// </summary>
/// <remarks>A rejected call takes no capacity, so a sender that waits out retry_after gets through.</remarks>
internal sealed class TelegramLimits(FakeBotApiOptions options)
{
    private static readonly long Second = Stopwatch.Frequency;

    /// <summary>Clock granularity between the bot's timers and this server's: arrivals this much early still count as on time.</summary>
    private static readonly long Granularity = Stopwatch.Frequency / 100;

    private readonly Lock _lock = new();
    private readonly Dictionary<long, long> _chatFull = [];
    private readonly Queue<long> _bulk = new();
    private readonly Queue<long> _paidBulk = new();
    private long _bulkCount;
    private long _paidBulkCount;

    /// <summary>Messages counted as bulk (free and paid) since the server started.</summary>
    public long BulkMessages
    {
        get
        {
            lock (_lock) return _bulkCount + _paidBulkCount;
        }
    }

    /// <summary>
    /// Takes the capacity a call needs, or returns false with the whole seconds to wait (at least 1).
    /// <paramref name="newMessage"/> is false for an edit (never bulk); <paramref name="lastIncoming"/> is when the
    /// chat last sent something (0: never).
    /// </summary>
    public bool TryAcquire(long chatId, bool newMessage, bool paid, long lastIncoming, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            long? chatFull = null;
            if (options.PerChatBurst is int burst && options.PerChatMessagesPerSecond > 0)
            {
                var interval = (long)(Second / options.PerChatMessagesPerSecond);
                var full = _chatFull.TryGetValue(chatId, out var stored) && stored > now ? stored : now;
                var earliest = full - interval * Math.Max(0, burst - 1);
                if (earliest > now + Granularity)
                {
                    retryAfterSeconds = Seconds(earliest - now);
                    return false;
                }
                chatFull = full + interval;
            }

            Queue<long>? window = null;
            var quiet = lastIncoming == 0 || now - lastIncoming > (long)(options.BulkQuietPeriod.TotalSeconds * Second);
            if (newMessage && quiet && (paid ? options.PaidBulkRateLimitPerSecond : options.BulkRateLimitPerSecond) is int limit)
            {
                window = paid ? _paidBulk : _bulk;
                while (window.Count > 0 && now - window.Peek() >= Second) window.Dequeue();
                if (window.Count >= limit)
                {
                    retryAfterSeconds = Seconds(window.Peek() + Second - now);
                    return false;
                }
            }

            if (chatFull is { } next) _chatFull[chatId] = next;
            if (window is not null)
            {
                window.Enqueue(now);
                if (paid) _paidBulkCount++;
                else _bulkCount++;
            }
            if (_chatFull.Count > 4096) Forget(now);
            return true;
        }
    }

    /// <summary>Chats whose bucket is full again need no entry.</summary>
    private void Forget(long now)
    {
        foreach (var (chat, full) in _chatFull.ToList())
            if (full <= now) _chatFull.Remove(chat);
    }

    private static int Seconds(long ticks) => Math.Max(1, (int)Math.Ceiling(ticks / (double)Second));
}
