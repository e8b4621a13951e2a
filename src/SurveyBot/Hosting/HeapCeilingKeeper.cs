using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SurveyBot.Hosting;

/// <summary>
/// Moves the managed heap's ceiling as <see cref="HeapCeiling"/> says, four times a second: raising it is
/// <c>AppContext.SetData("GCHeapHardLimit")</c> and <see cref="GC.RefreshMemoryLimit"/>; lowering it first compacts
/// the heap and hands its free regions back (the runtime refuses a ceiling below what is committed, and then it is
/// tried again after the next settle). Idle without a ceiling, and when <c>DOTNET_GCHeapHardLimit</c> fixes it.
/// </summary>
public sealed partial class HeapCeilingKeeper(TimeProvider clock, ILogger<HeapCeilingKeeper> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var configured = Configured();
        if (configured is not { } limit) return;
        var ceiling = HeapCeiling.For(limit);
        var current = limit;
        var changedAt = clock.GetUtcNow();
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var full = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var last = GC.GetGCMemoryInfo();
            var next = ceiling.Next(current, full.HeapSizeBytes, clock.GetUtcNow() - changedAt);
            if (next == current) continue;
            if (next < current) GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            if (!TryApply(next))
            {
                changedAt = clock.GetUtcNow();
                continue;
            }
            if (next > current) LogRaised(logger, current >> 20, next >> 20, full.HeapSizeBytes >> 20, last.TotalCommittedBytes >> 20);
            else LogLowered(logger, current >> 20, next >> 20);
            current = next;
            changedAt = clock.GetUtcNow();
        }
    }

    /// <summary>The ceiling from the runtime settings; null when there is none, or the environment variable fixes it.</summary>
    private static long? Configured()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_GCHeapHardLimit") is not null) return null;
        return AppContext.GetData("System.GC.HeapHardLimit") is null ? null : GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }

    private static bool TryApply(long limit)
    {
        AppContext.SetData("GCHeapHardLimit", (ulong)limit);
        try
        {
            GC.RefreshMemoryLimit();
            return true;
        }
        catch (InvalidOperationException)
        {
            // More is committed than the lower ceiling allows: the runtime kept the one it had.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Managed heap ceiling raised from {From} MiB to {To} MiB under load ({Live} MiB alive after the last full collection, {Committed} MiB committed); it goes back once the load has passed")]
    private static partial void LogRaised(ILogger logger, long from, long to, long live, long committed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Managed heap ceiling back from {From} MiB to {To} MiB")]
    private static partial void LogLowered(ILogger logger, long from, long to);
}
