namespace SurveyBot.FakeBotApi;

/// <summary>
/// Faults queued for upcoming calls. Delays are consumed on their own; failures and drops share one
/// first-in first-out queue per method, so FailNext then DropNext hits the first call with the failure and
/// the second with the drop. A counter lets the healthy path skip the lock, which matters at benchmark rates.
/// </summary>
internal sealed class FaultPlan
{
    private readonly object _lock = new();
    private readonly List<FaultEntry> _entries = [];
    private volatile int _count;

    public void Add(FaultEntry entry)
    {
        if (entry.Remaining <= 0)
        {
            return;
        }

        lock (_lock)
        {
            _entries.Add(entry);
            _count = _entries.Count;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _count = 0;
        }
    }

    public FaultEntry? Take(FaultKind kind, string method) => Take(kind, kind, method);

    /// <summary>Takes the oldest pending fault of either kind for the method.</summary>
    public FaultEntry? Take(FaultKind kind, FaultKind alternative, string method)
    {
        if (_count == 0)
        {
            return null;
        }

        lock (_lock)
        {
            for (var i = 0; i < _entries.Count; i++)
            {
                var entry = _entries[i];
                if ((entry.Kind != kind && entry.Kind != alternative) || (entry.Method != method && entry.Method != ApiMethods.Any))
                {
                    continue;
                }

                if (--entry.Remaining == 0)
                {
                    _entries.RemoveAt(i);
                    _count = _entries.Count;
                }

                return entry;
            }
        }

        return null;
    }
}
