namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Telegram's per-chat limit as it states it: about one message a second in a chat, short bursts allowed, sends and
/// edits alike. Each chat is a token bucket kept as one number, the moment its bucket would be full again (the
/// generic cell rate algorithm): a call reserves the next free moment and waits for it, so calls to one chat never
/// queue behind each other's timers and calls to different chats never wait for each other. Reserving at the
/// configured rate exactly met a 429 for one chat in fifty when a chat's first call was slower to arrive than a later
/// one; dating each call by its end (<see cref="Complete"/>) removed them.
/// </summary>
/// <remarks>
/// Only chats with a call in the last few seconds hold an entry: a chat whose bucket is full again is dropped at the
/// next sweep, so memory follows the chats being answered now, not every chat ever served.
/// </remarks>
public sealed class ChatPacer
{
    private readonly TimeProvider _clock;
    private readonly long _sweepEvery;
    private readonly long _interval;
    private readonly long _tolerance;
    private readonly Dictionary<long, long> _full = [];
    private readonly Lock _lock = new();
    private long _nextSweep;

    /// <param name="perSecond">Sustained calls per second to one chat; 0 or less turns pacing off.</param>
    /// <param name="burst">Calls a rested chat may receive back to back.</param>
    /// <param name="clock">Real time unless a test moves it: Telegram counts a chat's calls in real seconds.</param>
    public ChatPacer(double perSecond, int burst, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _sweepEvery = _clock.TimestampFrequency;
        Enabled = perSecond > 0;
        _interval = Enabled ? (long)(_clock.TimestampFrequency / perSecond) : 0;
        _tolerance = _interval * Math.Max(0, burst - 1);
    }

    public bool Enabled { get; }

    /// <summary>Chats holding pacing state now (for tests of the bound).</summary>
    public int TrackedChats
    {
        get
        {
            lock (_lock) return _full.Count;
        }
    }

    /// <summary>The pacer's clock now, the timestamp <see cref="Complete"/> takes as a call's start.</summary>
    public long Now => _clock.GetTimestamp();

    /// <summary>Takes the chat's next free moment and returns how long to wait for it (zero: send now).</summary>
    public TimeSpan Reserve(long chatId)
    {
        if (!Enabled) return TimeSpan.Zero;
        var now = _clock.GetTimestamp();
        lock (_lock)
        {
            Sweep(now);
            var full = _full.TryGetValue(chatId, out var stored) && stored > now ? stored : now;
            var at = Math.Max(now, full - _tolerance);
            _full[chatId] = full + _interval;
            return at <= now ? TimeSpan.Zero : _clock.GetElapsedTime(now, at);
        }
    }

    /// <summary>
    /// A call reserved for the chat ended, <paramref name="started"/> (a timestamp of <see cref="Now"/>) being when it went out.
    /// Telegram counts a call when it arrives, somewhere between its start and its end, so the chat's schedule moves on
    /// by the call's time in flight: however slow a busy machine is to get a request out, the chat's next call never
    /// reaches Telegram early.
    /// </summary>
    public void Complete(long chatId, long started)
    {
        if (!Enabled) return;
        var flight = _clock.GetTimestamp() - started;
        lock (_lock)
        {
            if (_full.TryGetValue(chatId, out var full)) _full[chatId] = full + flight;
        }
    }

    /// <summary>
    /// Telegram answered 429 for the chat: nothing more goes to it for <paramref name="retryAfter"/>, and then it
    /// resumes at the sustained pace (its burst refills with time, as after any busy spell).
    /// </summary>
    public void Pause(long chatId, TimeSpan retryAfter)
    {
        if (!Enabled) return;
        var now = _clock.GetTimestamp();
        var until = now + (long)(retryAfter.TotalSeconds * _clock.TimestampFrequency) + _tolerance;
        lock (_lock)
        {
            if (!_full.TryGetValue(chatId, out var stored) || stored < until) _full[chatId] = until;
        }
    }

    private void Sweep(long now)
    {
        if (now < _nextSweep) return;
        _nextSweep = now + _sweepEvery;
        List<long>? rested = null;
        foreach (var (chat, full) in _full)
            if (full <= now) (rested ??= []).Add(chat);
        if (rested is null) return;
        foreach (var chat in rested) _full.Remove(chat);
    }
}
