namespace SurveyBot.FakeBotApi;

/// <summary>
/// The getUpdates queue with Telegram's confirmation rule: a call with offset N forgets every update with a
/// lower id. Confirmed updates are retained (bounded) so a test can replay them to check that SurveyBot
/// tolerates at-least-once delivery.
/// </summary>
internal sealed class UpdateQueue(int maxRetainedConfirmed)
{
    private const int TrimSlack = 1024;

    private readonly object _lock = new();

    // Ids are contiguous: _log[i].Id == _log[0].Id + i. Entries below _confirmedBelow are confirmed.
    private readonly List<UpdateEntry> _log = [];
    private readonly List<UpdateEntry> _redeliver = [];
    private long _nextId = 1;
    private long _confirmedBelow = 1;
    private TaskCompletionSource _signal = NewSignal();

    /// <summary>
    /// Adds an update. The JSON is built under the lock with the assigned id so ids become visible strictly
    /// in order; otherwise a poller could confirm past an id that is still being built and lose it.
    /// </summary>
    public long Enqueue(Func<long, byte[]> build)
    {
        TaskCompletionSource signal;
        long id;
        lock (_lock)
        {
            id = _nextId;
            var json = build(id);
            _nextId++;
            _log.Add(new UpdateEntry(id, json));
            signal = SwapSignal();
        }

        signal.TrySetResult();
        return id;
    }

    /// <summary>
    /// Applies the offset and copies up to <paramref name="limit"/> visible updates into <paramref name="into"/>.
    /// When none are visible, returns false and the task that completes when the next update arrives.
    /// </summary>
    public bool TryTake(long? offset, int limit, List<UpdateEntry> into, out Task arrival)
    {
        lock (_lock)
        {
            // Like Telegram's, an offset beyond the newest update confirms nothing: after ids continued at a lower value
            // (ContinueIdsAt), a bot still asking from its old offset gets the new updates instead of losing them.
            if (offset is long value && value != 0 && value <= _nextId)
            {
                var confirmBelow = value > 0 ? value : _nextId + value;
                _confirmedBelow = Math.Clamp(confirmBelow, _confirmedBelow, _nextId);
                Trim();
            }

            for (var i = 0; i < _redeliver.Count && into.Count < limit; i++)
            {
                into.Add(_redeliver[i]);
            }

            _redeliver.RemoveRange(0, into.Count);

            if (_log.Count > 0)
            {
                var index = (int)(_confirmedBelow - _log[0].Id);
                for (var i = Math.Max(index, 0); i < _log.Count && into.Count < limit; i++)
                {
                    into.Add(_log[i]);
                }
            }

            arrival = _signal.Task;
            return into.Count > 0;
        }
    }

    /// <summary>Makes confirmed updates from <paramref name="updateId"/> on visible once more.</summary>
    public void RedeliverFrom(long updateId)
    {
        TaskCompletionSource? signal = null;
        lock (_lock)
        {
            if (_log.Count == 0)
            {
                return;
            }

            var queued = _redeliver.Select(e => e.Id).ToHashSet();
            var first = _log[0].Id;
            for (var id = Math.Max(updateId, first); id < _confirmedBelow; id++)
            {
                var entry = _log[(int)(id - first)];
                if (queued.Add(entry.Id))
                {
                    _redeliver.Add(entry);
                }
            }

            _redeliver.Sort((a, b) => a.Id.CompareTo(b.Id));
            if (_redeliver.Count > 0)
            {
                signal = SwapSignal();
            }
        }

        signal?.TrySetResult();
    }

    /// <summary>
    /// Telegram after a week without updates: everything so far is confirmed and forgotten, and the next update gets
    /// <paramref name="nextId"/>, which may be lower than ids already delivered.
    /// </summary>
    public void ContinueIdsAt(long nextId)
    {
        lock (_lock)
        {
            _log.Clear();
            _redeliver.Clear();
            _nextId = nextId;
            _confirmedBelow = nextId;
        }
    }

    /// <summary>deleteWebhook with drop_pending_updates=true.</summary>
    public void DropPending()
    {
        lock (_lock)
        {
            _confirmedBelow = _nextId;
            _redeliver.Clear();
            Trim();
        }
    }

    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return (int)(_nextId - _confirmedBelow) + _redeliver.Count;
            }
        }
    }

    public long LastUpdateId
    {
        get
        {
            lock (_lock)
            {
                return _nextId - 1;
            }
        }
    }

    private void Trim()
    {
        if (_log.Count == 0)
        {
            return;
        }

        var confirmed = (int)(_confirmedBelow - _log[0].Id);
        if (confirmed > maxRetainedConfirmed + TrimSlack)
        {
            _log.RemoveRange(0, confirmed - maxRetainedConfirmed);
        }
    }

    private TaskCompletionSource SwapSignal()
    {
        var previous = _signal;
        _signal = NewSignal();
        return previous;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
