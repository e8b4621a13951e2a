using Microsoft.Extensions.Hosting;

namespace SurveyBot.Hosting;

/// <summary>
/// Hands the native heap's free pages back every half minute (see <see cref="NativeHeap"/>): after a burst (a staff
/// CSV read, an export, a backlog drained) glibc keeps what SQLite and the sockets freed unless asked.
/// </summary>
public sealed class NativeHeapTrimmer(TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!NativeHeap.Available) return;
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken)) NativeHeap.Trim();
    }
}
