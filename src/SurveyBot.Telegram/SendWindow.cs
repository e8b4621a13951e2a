namespace SurveyBot.Channels.Telegram;

/// <summary>
/// The bulk allowance: every unsolicited message (broadcasts, reminders) sent across chats in the last second, since
/// Telegram counts bulk notifications in any one-second window. A sender takes a slot only when the window holds
/// fewer than its rate. Replies to respondents are paced per chat and are not counted here.
/// </summary>
/// <remarks>
/// A broadcast's slot is held while its call is in flight and then dated by the call's end (<see cref="Complete"/>):
/// the server saw the message somewhere between start and end, so a window counted from the end never frees a slot
/// before the server's does, however long a busy machine takes to get the request out.
/// </remarks>
/// <param name="clock">Real time unless a test moves it: Telegram counts bulk messages in real seconds.</param>
public sealed class SendWindow(TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    private readonly LinkedList<Slot> _slots = new();
    private readonly Lock _lock = new();
    private long _pausedUntil;

    /// <summary>A little over a second, for clock granularity.</summary>
    private long Span => _clock.TimestampFrequency + _clock.TimestampFrequency / 100;

    /// <summary>
    /// Telegram answered 429: no broadcast slot is handed out for <paramref name="retryAfter"/>, whichever sender (a
    /// broadcast's or the replies') got it, since the flood limit covers the whole bot.
    /// </summary>
    public void Pause(TimeSpan retryAfter)
    {
        var until = _clock.GetTimestamp() + (long)(retryAfter.TotalSeconds * _clock.TimestampFrequency);
        long seen;
        do
        {
            seen = Volatile.Read(ref _pausedUntil);
            if (seen >= until) return;
        }
        while (Interlocked.CompareExchange(ref _pausedUntil, until, seen) != seen);
    }

    /// <summary>Notes a message that was just sent outside a broadcast (a reply).</summary>
    public void Record()
    {
        var now = _clock.GetTimestamp();
        lock (_lock)
        {
            // Replies are recorded whether or not a broadcast ever asks for a slot, so the window drops what has left it
            // here too: otherwise it held a node for every reply since the last broadcast (weeks of fieldwork).
            PruneFront(now);
            _slots.AddLast(new Slot(now));
        }
    }

    /// <summary>
    /// Drops the oldest entries that have left the window, stepping over broadcast slots still in flight (at most a
    /// broadcast's concurrency of them); stops at the first entry still inside it, so this costs little per reply.
    /// </summary>
    private void PruneFront(long now)
    {
        for (var node = _slots.First; node is not null;)
        {
            var next = node.Next;
            var stamp = node.Value.Stamp;
            if (stamp != Slot.InFlight)
            {
                if (now - stamp < Span) return;
                _slots.Remove(node);
            }
            node = next;
        }
    }

    /// <summary>Entries held now: about one second of sends, plus broadcast calls in flight.</summary>
    public int Count
    {
        get
        {
            lock (_lock) return _slots.Count;
        }
    }

    /// <summary>Waits for a slot under <paramref name="perSecond"/> and takes it; hand it back to <see cref="Complete"/> when the call ends.</summary>
    public async Task<Slot> TakeAsync(int perSecond, CancellationToken cancellationToken)
    {
        while (true)
        {
            var paused = Volatile.Read(ref _pausedUntil) - _clock.GetTimestamp();
            if (paused > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)paused / _clock.TimestampFrequency), _clock, cancellationToken);
                continue;
            }
            TimeSpan wait;
            lock (_lock)
            {
                var now = _clock.GetTimestamp();
                var oldest = long.MaxValue;
                for (var node = _slots.First; node is not null;)
                {
                    var next = node.Next;
                    var stamp = node.Value.Stamp;
                    if (stamp != Slot.InFlight && now - stamp >= Span) _slots.Remove(node);
                    else if (stamp != Slot.InFlight && stamp < oldest) oldest = stamp;
                    node = next;
                }
                if (_slots.Count < perSecond)
                {
                    var slot = new Slot(Slot.InFlight);
                    _slots.AddLast(slot);
                    return slot;
                }
                // Full: wait until the oldest dated slot leaves the window (or a call in flight ends, checked again soon).
                wait = oldest == long.MaxValue ? TimeSpan.FromMilliseconds(5) : _clock.GetElapsedTime(now, oldest + Span);
            }
            await Task.Delay(wait > TimeSpan.FromMilliseconds(1) ? wait : TimeSpan.FromMilliseconds(1), _clock, cancellationToken);
        }
    }

    /// <summary>The slot's call ended (whatever its outcome): it counts from now for the next second.</summary>
    public void Complete(Slot slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        lock (_lock) slot.Stamp = _clock.GetTimestamp();
    }

    public sealed class Slot(long stamp)
    {
        internal const long InFlight = long.MinValue;

        internal long Stamp { get; set; } = stamp;
    }
}
