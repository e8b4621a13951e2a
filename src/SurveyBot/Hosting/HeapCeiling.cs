namespace SurveyBot.Hosting;

/// <summary>
/// When the managed heap's ceiling moves. The ceiling (<c>System.GC.HeapHardLimit</c>, 64 MiB) is what keeps the bot's
/// RSS under 200 MB: with more room the collector lets dead objects pile up before it collects them (a 128 MiB ceiling
/// put the soak at 225-254 MB). But the ceiling is also a wall: tens of thousands of people answering at once keep
/// 35-45 MB alive for a while (each queued update and outbox row, each call in flight), the collector then runs
/// full collections back to back, and the next large buffer (a getUpdates response) is an OutOfMemoryException that
/// stops the bot. So the ceiling doubles, up to <see cref="Max"/>, while what survives a full collection fills more than
/// 9/16 of it (36 MiB; the soak's busiest moments keep up to 32 MB alive, the rush that died 36-45 MB), and goes back to <see cref="Base"/> once the live heap has been small for
/// <see cref="Settle"/>: a rush costs memory while it lasts instead of the process.
/// </summary>
/// <param name="Base">The configured ceiling, where the heap lives in normal service.</param>
/// <param name="Max">The highest ceiling a rush may take (four times the base).</param>
public sealed record HeapCeiling(long Base, long Max)
{
    /// <summary>How long the live heap must stay small after a change before the ceiling goes back down.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromMinutes(2);

    public static HeapCeiling For(long configured) => new(configured, configured * 4);

    /// <summary>
    /// The ceiling to have now, given the current one, the heap that survived the last full collection and the time
    /// since the ceiling last moved. A heap merely committed up to the ceiling is not a reason: the collector frees
    /// what is dead when it has to (the 20,000-respondent wave ran so under 200 MB), only what is alive cannot go.
    /// </summary>
    public long Next(long current, long liveAfterFullCollection, TimeSpan sinceChange)
    {
        if (current < Max && liveAfterFullCollection > current / 16 * 9)
            return Math.Min(Max, current * 2);
        if (current > Base && sinceChange >= Settle && liveAfterFullCollection < Base / 8 * 3)
            return Math.Max(Base, current / 2);
        return current;
    }
}
