using SurveyBot.Channels.Telegram;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>The per-chat pacing state: exact bursts and pace, and memory that follows only the chats being answered now.</summary>
public sealed class ChatPacerTests
{
    [Fact]
    public void A_rested_chat_gets_its_burst_at_once_and_then_one_call_per_interval()
    {
        var pacer = new ChatPacer(perSecond: 1, burst: 3);

        var waits = Enumerable.Range(0, 5).Select(_ => pacer.Reserve(42)).ToList();

        Assert.All(waits.Take(3), w => Assert.Equal(TimeSpan.Zero, w));
        Assert.InRange(waits[3].TotalSeconds, 0.9, 1.0);
        Assert.InRange(waits[4].TotalSeconds, 1.9, 2.0);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(43));
    }

    [Fact]
    public async Task Chats_whose_bucket_is_full_again_are_forgotten()
    {
        var pacer = new ChatPacer(perSecond: 20, burst: 3);
        for (long chat = 0; chat < 10_000; chat++) pacer.Reserve(chat);
        Assert.Equal(10_000, pacer.TrackedChats);

        await Task.Delay(TimeSpan.FromSeconds(1.2));
        pacer.Reserve(-1);

        Assert.Equal(1, pacer.TrackedChats);
    }

    [Fact]
    public void A_429_holds_the_chat_for_its_retry_after_then_the_sustained_pace_applies()
    {
        var pacer = new ChatPacer(perSecond: 1, burst: 3);
        pacer.Pause(7, TimeSpan.FromSeconds(5));

        Assert.InRange(pacer.Reserve(7).TotalSeconds, 4.9, 5.0);
        Assert.InRange(pacer.Reserve(7).TotalSeconds, 5.9, 6.0);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(8));
    }
}
