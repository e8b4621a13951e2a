using System.Collections.Concurrent;

namespace SurveyBot.FakeBotApi;

/// <summary>
/// Recorded calls in a bounded ring plus exact per-method totals, so long SurveyBot benchmarks keep memory
/// flat while tests still see every call of a short run.
/// </summary>
internal sealed class CallLog(int capacity)
{
    private readonly object _lock = new();
    private readonly RecordedCall[] _ring = new RecordedCall[Math.Max(capacity, 1)];
    private readonly ConcurrentDictionary<string, StrongBox> _counts = new(StringComparer.OrdinalIgnoreCase);
    private int _start;
    private int _count;

    public void CountArrival(string method) =>
        Interlocked.Increment(ref _counts.GetOrAdd(method, static _ => new StrongBox()).Value);

    public int Count(string method) => _counts.TryGetValue(method, out var box) ? Volatile.Read(ref box.Value) : 0;

    public void Add(RecordedCall call)
    {
        lock (_lock)
        {
            if (_count < _ring.Length)
            {
                _ring[(_start + _count) % _ring.Length] = call;
                _count++;
            }
            else
            {
                _ring[_start] = call;
                _start = (_start + 1) % _ring.Length;
            }
        }
    }

    public RecordedCall[] Snapshot(int? last = null)
    {
        lock (_lock)
        {
            var take = last is int n ? Math.Min(n, _count) : _count;
            var result = new RecordedCall[take];
            for (var i = 0; i < take; i++)
            {
                result[i] = _ring[(_start + _count - take + i) % _ring.Length];
            }

            return result;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            Array.Clear(_ring);
            _start = 0;
            _count = 0;
        }

        _counts.Clear();
    }

    /// <summary>A mutable counter cell so increments need no dictionary update.</summary>
    private sealed class StrongBox
    {
        public int Value;
    }
}
