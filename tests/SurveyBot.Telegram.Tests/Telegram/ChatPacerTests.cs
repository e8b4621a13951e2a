using Microsoft.Extensions.Time.Testing;
using SurveyBot.Channels.Telegram;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// The per-chat pacing state: exact bursts and pace, and memory that follows only the chats being answered now; on a
/// clock the test moves, so every wait is exact and nothing sleeps.
/// </summary>
public sealed class ChatPacerTests
{
    [Fact]
    public void A_rested_chat_gets_its_burst_at_once_and_then_one_call_per_interval()
    {
        var clock = new FakeTimeProvider();
        var pacer = new ChatPacer(perSecond: 1, burst: 3, clock);

        var waits = Enumerable.Range(0, 5).Select(_ => pacer.Reserve(42)).ToList();

        Assert.Equal([TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)], waits);
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(43));
        // Five calls reserved up to t+2s; at t+2.5s the next free moment is t+3s.
        clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal(TimeSpan.FromSeconds(0.5), pacer.Reserve(42));
    }

    [Fact]
    public void Chats_whose_bucket_is_full_again_are_forgotten()
    {
        var clock = new FakeTimeProvider();
        var pacer = new ChatPacer(perSecond: 20, burst: 3, clock);
        for (long chat = 0; chat < 10_000; chat++) pacer.Reserve(chat);
        Assert.Equal(10_000, pacer.TrackedChats);

        clock.Advance(TimeSpan.FromSeconds(1.2));
        pacer.Reserve(-1);

        Assert.Equal(1, pacer.TrackedChats);
    }

    [Fact]
    public void A_429_holds_the_chat_for_its_retry_after_then_the_sustained_pace_applies()
    {
        var pacer = new ChatPacer(perSecond: 1, burst: 3, new FakeTimeProvider());
        pacer.Pause(7, TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(5), pacer.Reserve(7));
        Assert.Equal(TimeSpan.FromSeconds(6), pacer.Reserve(7));
        Assert.Equal(TimeSpan.Zero, pacer.Reserve(8));
    }
}
