using System.Diagnostics;

namespace SurveyBot.Channels.Telegram.Staff;

/// <summary>
/// Every message sent across chats in the last second, replies and broadcasts alike: Telegram counts bulk sends in
/// any one-second window. Replies are only recorded (they have their own limiter and always go first); a broadcast
/// takes a slot only when the window holds fewer than its rate, so it uses what replies leave and never starves them.
/// </summary>
public sealed class SendWindow
{
    /// <summary>A little over a second: a slot frees only once the server has surely seen the message leave its window.</summary>
    private static readonly long Span = Stopwatch.Frequency + Stopwatch.Frequency / 40;

    private readonly Queue<long> _stamps = new();
    private readonly Lock _lock = new();

    /// <summary>Notes a message that was just sent outside a broadcast (a reply).</summary>
    public void Record()
    {
        lock (_lock) _stamps.Enqueue(Stopwatch.GetTimestamp());
    }

    /// <summary>Waits for a slot under <paramref name="perSecond"/> and takes it.</summary>
    public async Task TakeAsync(int perSecond, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_lock)
            {
                var now = Stopwatch.GetTimestamp();
                while (_stamps.Count > 0 && now - _stamps.Peek() >= Span) _stamps.Dequeue();
                if (_stamps.Count < perSecond)
                {
                    _stamps.Enqueue(now);
                    return;
                }
                // The window is full: wait until the slot the limit allows frees.
                var blocking = _stamps.ElementAt(_stamps.Count - perSecond);
                wait = Stopwatch.GetElapsedTime(now, blocking + Span);
            }
            await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), cancellationToken);
        }
    }
}
