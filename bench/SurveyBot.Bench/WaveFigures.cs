using System.Diagnostics;
using SurveyBot.FakeBotApi;
using SurveyBot.FakeBotApi.Respondents;

namespace SurveyBot.Bench;

/// <summary>What one measured wave of simulated respondents saw, and what it cost the bot and the Bot API.</summary>
internal sealed class WaveFigures
{
    /// <summary>Everyone starts within one think time, so the first inputs meet a queue no steady flow has.</summary>
    private const int StartRush = 5;

    /// <summary>A respondent still without the next question after this long counts as not served (they would give up).</summary>
    private static readonly TimeSpan GivesUp = TimeSpan.FromSeconds(60);

    private readonly List<SimulatedRespondent> _people;
    private readonly TimeSpan _elapsed;
    private readonly WaveCounters _before;
    private readonly WaveCounters _after;
    private readonly double[] _replies;
    private readonly double[] _reactions;
    private readonly double[] _steady;
    private readonly int _finished;
    private readonly int _stillWaiting;

    public WaveFigures(List<SimulatedRespondent> people, TimeSpan elapsed, WaveCounters before, WaveCounters after, double bulkSeconds, string closing)
    {
        _people = people;
        _elapsed = elapsed;
        _before = before;
        _after = after;
        // The reply is what the respondent can act on: the next question (or the same one redrawn, or the closing).
        _replies = [.. people.SelectMany(p => p.ReplyLatencies).Order()];
        _reactions = [.. people.SelectMany(p => p.Latencies).Order()];
        _steady = [.. people.SelectMany(p => p.ReplyLatencies.Skip(StartRush)).Order()];
        _finished = people.Count(p => after.Server.LastMessage(p.ChatId)?.Text.Contains(closing, StringComparison.Ordinal) == true);
        _stillWaiting = people.Count(p => p.WaitingSince != 0 && Stopwatch.GetElapsedTime(p.WaitingSince) > TimeSpan.FromSeconds(2));
        BulkPerSecond = bulkSeconds > 0 ? (after.Bulk - before.Bulk) / bulkSeconds : 0;
    }

    public TimeSpan HarnessCpu { get; init; }

    public TimeSpan HarnessPauses { get; init; }

    public double P99 => Percentile(_replies, 0.99);

    /// <summary>Messages the server counted as bulk (to chats that sent nothing for a minute) per second of the broadcast.</summary>
    public double BulkPerSecond { get; }

    public void Print()
    {
        var inputs = _people.Sum(p => p.Sent.Count);
        var sends = _after.Sends - _before.Sends;
        var edits = _after.Edits - _before.Edits;
        var calls = sends + edits + _after.CallbackAnswers - _before.CallbackAnswers;
        var tooMany = _after.TooManyRequests - _before.TooManyRequests;
        var botCpu = _after.BotCpu - _before.BotCpu;
        var gaveUp = _replies.Count(l => l > GivesUp.TotalMilliseconds);
        Console.WriteLine($"  respondents finished     {_finished} of {_people.Count}");
        Console.WriteLine($"  answers                  {inputs}");
        Console.WriteLine($"  elapsed                  {_elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"  answers/s                {inputs / _elapsed.TotalSeconds:F0}");
        Console.WriteLine($"  input -> reply p50       {Percentile(_replies, 0.50):F1} ms");
        Console.WriteLine($"  input -> reply p99       {Percentile(_replies, 0.99):F1} ms");
        Console.WriteLine($"  input -> reply max       {(_replies.Length == 0 ? 0 : _replies[^1]):F1} ms");
        Console.WriteLine($"  first visible reaction   p50 {Percentile(_reactions, 0.50):F1} ms, p99 {Percentile(_reactions, 0.99):F1} ms");
        Console.WriteLine($"  after the start rush     p50 {Percentile(_steady, 0.50):F1} ms, p99 {Percentile(_steady, 0.99):F1} ms (each person's first {StartRush} inputs left out)");
        Console.WriteLine($"  not served               {gaveUp} replies later than {GivesUp.TotalSeconds:F0} s; {_stillWaiting} people waiting over 2 s at the end");
        Console.WriteLine($"  sends+edits per answer   {(double)(sends + edits) / inputs:F3} ({sends} sendMessage, {edits} editMessageText)");
        Console.WriteLine($"  429s                     {tooMany} in {calls} calls ({10_000.0 * tooMany / Math.Max(1, calls):F2} per 10,000)");
        Console.WriteLine($"  CPU time: bot            {botCpu.TotalSeconds:F1} s ({botCpu.TotalMilliseconds / Math.Max(1, inputs):F2} ms per answer)");
        Console.WriteLine($"  CPU time: server+people  {HarnessCpu.TotalSeconds:F1} s (this process: the loopback Bot API and the simulated respondents)");
        // The harness shares the machine: its own collector pauses stall every simulated chat and the server at once.
        Console.WriteLine($"  GC pauses: server+people {HarnessPauses.TotalMilliseconds:F0} ms (heap {GC.GetGCMemoryInfo().HeapSizeBytes >> 20} MB)");
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
