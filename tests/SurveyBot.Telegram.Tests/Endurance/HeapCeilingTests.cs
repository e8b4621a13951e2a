using SurveyBot.Hosting;

namespace SurveyBot.Telegram.Tests.Endurance;

/// <summary>
/// The heap ceiling's policy, with the figures the 26,000-respondent rush and the soak showed: a rush keeps 36-45 MB
/// alive under a 64 MiB ceiling (the bot died of an OutOfMemoryException there), the soak 12-33 MB.
/// </summary>
public sealed class HeapCeilingTests
{
    private const long MiB = 1 << 20;
    private static readonly HeapCeiling Ceiling = HeapCeiling.For(64 * MiB);

    [Fact]
    public void Normal_service_keeps_the_configured_ceiling()
    {
        Assert.Equal(64 * MiB, Ceiling.Next(64 * MiB, 24 * MiB, TimeSpan.FromHours(1)));
        // The soak's busiest moment (32.7 MB alive) is still normal service.
        Assert.Equal(64 * MiB, Ceiling.Next(64 * MiB, 33 * 1_000_000, TimeSpan.Zero));
        Assert.Equal(256 * MiB, Ceiling.Max);
    }

    [Fact]
    public void A_rush_that_keeps_more_than_nine_sixteenths_of_the_ceiling_alive_doubles_it_up_to_four_times()
    {
        Assert.Equal(128 * MiB, Ceiling.Next(64 * MiB, 37 * MiB, TimeSpan.Zero));
        Assert.Equal(256 * MiB, Ceiling.Next(128 * MiB, 80 * MiB, TimeSpan.Zero));
        Assert.Equal(256 * MiB, Ceiling.Next(256 * MiB, 200 * MiB, TimeSpan.Zero));
    }

    [Fact]
    public void A_heap_merely_committed_to_the_ceiling_keeps_it_while_little_is_alive()
    {
        Assert.Equal(64 * MiB, Ceiling.Next(64 * MiB, 27 * MiB, TimeSpan.Zero));
    }

    [Fact]
    public void The_ceiling_comes_back_down_only_after_the_live_heap_has_been_small_for_the_settle_time()
    {
        Assert.Equal(256 * MiB, Ceiling.Next(256 * MiB, 16 * MiB, HeapCeiling.Settle - TimeSpan.FromSeconds(1)));
        Assert.Equal(128 * MiB, Ceiling.Next(256 * MiB, 16 * MiB, HeapCeiling.Settle));
        Assert.Equal(64 * MiB, Ceiling.Next(128 * MiB, 16 * MiB, HeapCeiling.Settle));
        // Still busy: more than 3/8 of the base alive keeps the raised ceiling.
        Assert.Equal(128 * MiB, Ceiling.Next(128 * MiB, 30 * MiB, HeapCeiling.Settle * 10));
    }
}
