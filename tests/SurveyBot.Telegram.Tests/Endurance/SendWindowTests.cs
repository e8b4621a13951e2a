using Microsoft.Extensions.Time.Testing;
using SurveyBot.Channels.Telegram;
namespace SurveyBot.Telegram.Tests.Endurance;

/// <summary>The bulk window on a clock the test moves, so a second passes exactly when it says.</summary>
public sealed class SendWindowTests
{
    [Fact]
    public void Replies_recorded_without_any_broadcast_leave_the_window_after_a_second()
    {
        var clock = new FakeTimeProvider();
        var window = new SendWindow(clock);
        for (var i = 0; i < 5_000; i++) window.Record();

        clock.Advance(TimeSpan.FromMilliseconds(1_000));
        window.Record();
        Assert.Equal(5_001, window.Count);

        clock.Advance(TimeSpan.FromMilliseconds(200));
        window.Record();

        // Only the replies made since the first second ended are still inside the window; the 5,000 before it are gone.
        Assert.Equal(2, window.Count);
    }

    [Fact]
    public async Task A_broadcast_call_in_flight_is_kept_while_older_replies_are_dropped()
    {
        var clock = new FakeTimeProvider();
        var window = new SendWindow(clock);
        var slot = await window.TakeAsync(30, CancellationToken.None);
        for (var i = 0; i < 100; i++) window.Record();

        clock.Advance(TimeSpan.FromMilliseconds(1_200));
        window.Record();

        Assert.Equal(2, window.Count);
        window.Complete(slot);
    }

    [Fact]
    public async Task A_full_window_hands_out_the_next_slot_only_when_its_oldest_call_is_a_second_old()
    {
        var clock = new FakeTimeProvider();
        var window = new SendWindow(clock);
        for (var i = 0; i < 3; i++) window.Complete(await window.TakeAsync(3, CancellationToken.None));

        var next = window.TakeAsync(3, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(900));
        Assert.False(next.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(200));
        window.Complete(await next.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public async Task A_429_holds_every_slot_for_its_retry_after()
    {
        var clock = new FakeTimeProvider();
        var window = new SendWindow(clock);
        window.Pause(TimeSpan.FromSeconds(5));

        var next = window.TakeAsync(30, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(next.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(0.2));
        window.Complete(await next.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
