using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Staff;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Staff;

/// <summary>
/// Reminders and expiry from the citizen flow's fieldwork section (remind_after 24h, max_reminders 2, expire_after 7d),
/// through the real bot on a <see cref="FakeTimeProvider"/>: the scanner waits its interval on that clock, so it scans
/// only when the test moves time, and "nothing was sent" is checked after scans that are known to have run, not
/// after a sleep.
/// </summary>
public sealed class FieldworkTests
{
    private const string Reminder = "아직 마치지 않으셨습니다";

    [Fact]
    public async Task Idle_respondents_get_at_most_two_reminders_active_and_opted_out_ones_none_and_idle_ones_expire()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var harness = await TelegramHarness.StartAsync(StaffSetup.StaffSettings(new() { ["Fieldwork:ScanIntervalSeconds"] = "1" }), clock: clock);
        var server = harness.Server;
        const long idle = 810_001, active = 810_002, optedOut = 810_003;
        foreach (var chat in new[] { idle, active, optedOut })
        {
            server.SendText(chat, "/start");
            await harness.QuestionAsync(chat, "INTRO");
        }
        server.SendText(optedOut, "/stop");
        await server.WaitForMessageAsync(optedOut, m => m.Text.Contains("보내지 않겠습니다"), TelegramHarness.Wait);
        int Reminders(long chat) => server.Messages(chat).Count(m => m.Text.Contains(Reminder));

        clock.Advance(TimeSpan.FromHours(23));
        await AnswerIntroAsync(harness, active);
        await ScansAsync(harness, clock);
        Assert.Equal([0, 0, 0], new[] { Reminders(idle), Reminders(active), Reminders(optedOut) });

        // t0 + 25h: only the one idle for a day is reminded.
        clock.Advance(TimeSpan.FromHours(2));
        await harness.AdvanceUntilAsync(clock, () => Reminders(idle) > 0);
        var reminder = await server.WaitForMessageAsync(idle, m => m.Text.Contains(Reminder), TelegramHarness.Wait);
        await ScansAsync(harness, clock);
        await server.WaitUntilAsync(() => OutboxDrained(harness), TelegramHarness.Wait);
        Assert.Equal([1, 0, 0], new[] { Reminders(idle), Reminders(active), Reminders(optedOut) });

        // Its button resumes the interview where it stopped.
        server.PressButton(idle, reminder.MessageId, reminder.Buttons.Single().CallbackData!);
        await server.WaitForMessageAsync(idle, m => m.Text.Contains("이어서 진행합니다"), TelegramHarness.Wait);
        await harness.QuestionAsync(idle, "INTRO");

        // t0 + 49h: the second reminder; the active one is now idle for a day too. t0 + 73h and later: the limit holds.
        clock.Advance(TimeSpan.FromHours(24));
        await harness.AdvanceUntilAsync(clock, () => Reminders(idle) == 2 && Reminders(active) == 1);
        clock.Advance(TimeSpan.FromHours(24));
        await harness.AdvanceUntilAsync(clock, () => Reminders(active) == 2);
        await AnswerNextAsync(harness, active);
        clock.Advance(TimeSpan.FromHours(48));
        await ScansAsync(harness, clock);
        await server.WaitUntilAsync(() => OutboxDrained(harness), TelegramHarness.Wait);
        Assert.Equal([2, 2, 0], new[] { Reminders(idle), Reminders(active), Reminders(optedOut) });

        // t0 + 8d: idle since t0 -> expired; the one who answered at t0 + 73h is still in progress.
        clock.Advance(TimeSpan.FromHours(71));
        await using var db = harness.Database.Open();
        await harness.AdvanceUntilAsync(clock, () => db.Respondents.AsNoTracking().Any(r => r.ChatId == idle && r.Status == "expired"));
        Assert.Equal("in_progress", (await db.Respondents.AsNoTracking().SingleAsync(r => r.ChatId == active)).Status);
        Assert.Equal("expired", (await db.Respondents.AsNoTracking().SingleAsync(r => r.ChatId == optedOut)).Status);
        Assert.Equal([2, 2, 0], await db.Respondents.AsNoTracking().OrderBy(r => r.ChatId).Select(r => r.RemindersSent).ToListAsync());

        // An expired interview takes no more answers, and its resume button says so politely.
        var before = harness.Database.Snapshot();
        server.PressButton(idle, reminder.MessageId, ChatButtons.Resume);
        await server.WaitForMessageAsync(idle, m => m.Text.Contains("이어서 응답하실 설문이 없습니다"), TelegramHarness.Wait);
        server.SendText(idle, "/start");
        await server.WaitForMessageAsync(idle, m => m.Text.Contains("응답 기간이 지나 설문이 종료되었습니다"), TelegramHarness.Wait);
        server.SendText(idle, "35");
        await server.WaitUntilAsync(() => server.Messages(idle).Count(m => m.Text.Contains("응답 기간이 지나")) == 2, TelegramHarness.Wait);
        Assert.Equal(before, harness.Database.Snapshot());
    }

    /// <summary>Two more completed scans: at least one of them began after everything the test did before.</summary>
    private static Task ScansAsync(TelegramHarness harness, FakeTimeProvider clock) => harness.PassesAsync(clock, "Fieldwork scan as of");

    /// <summary>Every staged reminder was sent (or failed): a reminder counted but not yet delivered would hide from the chat's count.</summary>
    private static bool OutboxDrained(TelegramHarness harness)
    {
        using var db = harness.Database.Open();
        return !db.Outbox.AsNoTracking().Any(o => o.Status == OutboxRecord.Pending);
    }

    private static async Task AnswerIntroAsync(TelegramHarness harness, long chat)
    {
        var intro = await harness.QuestionAsync(chat, "INTRO");
        var count = harness.Server.Messages(chat).Count;
        harness.Server.PressButton(chat, intro.MessageId, intro.Buttons.First().CallbackData!);
        await harness.Server.WaitUntilAsync(() => harness.Server.Messages(chat).Count > count, TelegramHarness.Wait);
    }

    private static async Task AnswerNextAsync(TelegramHarness harness, long chat)
    {
        var question = await harness.Server.WaitForMessageAsync(chat, m => m.Buttons.Any(b => b.CallbackData?.Contains('|') == true), TelegramHarness.Wait);
        await using var db = harness.Database.Open();
        var updated = (await db.Respondents.AsNoTracking().SingleAsync(r => r.ChatId == chat)).UpdatedAt;
        harness.Server.PressButton(chat, question.MessageId, question.Buttons.First(b => b.CallbackData?.Contains('|') == true).CallbackData!);
        await harness.Server.WaitUntilAsync(() => db.Respondents.AsNoTracking().Single(r => r.ChatId == chat).UpdatedAt > updated, TelegramHarness.Wait);
    }
}
