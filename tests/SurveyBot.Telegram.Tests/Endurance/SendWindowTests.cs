using SurveyBot.Channels.Telegram;
namespace SurveyBot.Telegram.Tests.Endurance;

public sealed class SendWindowTests
{
    [Fact]
    public async Task Replies_recorded_without_any_broadcast_leave_the_window_after_a_second()
    {
        var window = new SendWindow();
        for (var i = 0; i < 5_000; i++) window.Record();

        await Task.Delay(TimeSpan.FromMilliseconds(1_200));
        window.Record();

        // Only the reply just made is still inside the one-second window; the 5,000 before it are gone.
        Assert.Equal(1, window.Count);
    }

    [Fact]
    public async Task A_broadcast_call_in_flight_is_kept_while_older_replies_are_dropped()
    {
        var window = new SendWindow();
        var slot = await window.TakeAsync(30, CancellationToken.None);
        for (var i = 0; i < 100; i++) window.Record();

        await Task.Delay(TimeSpan.FromMilliseconds(1_200));
        window.Record();

        Assert.Equal(2, window.Count);
        window.Complete(slot);
    }
}
