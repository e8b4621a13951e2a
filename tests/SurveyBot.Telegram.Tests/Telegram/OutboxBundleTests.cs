using Microsoft.EntityFrameworkCore;
using SurveyBot.Conversation;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// The outbox row of one reaction holds all its calls (acknowledge the press, mark the question
/// answered, ask the next one): new messages in order, the acknowledgement and the edit alongside them;
/// stored JSON keeps Korean text as UTF-8.
/// </summary>
public sealed class OutboxBundleTests
{
    private const long Chat = 52001;

    [Fact]
    public void Consecutive_calls_to_one_chat_share_a_row_and_a_report_has_its_own()
    {
        StagedCall Call(long chat, OutboxCallKind kind, string text) => new(chat, new OutboxCall { Kind = kind, Text = text });
        var rows = OutboxPayload.Bundle(
        [
            Call(1, OutboxCallKind.AnswerCallback, "a"),
            Call(1, OutboxCallKind.Edit, "b"),
            Call(1, OutboxCallKind.Report, "r"),
            Call(1, OutboxCallKind.Send, "c"),
            Call(2, OutboxCallKind.Send, "d"),
            Call(1, OutboxCallKind.Send, "e"),
        ]).Select(r => $"{r.ChatId}:{string.Concat(r.Calls.Select(c => c.Text))}").ToList();

        Assert.Equal(["1:ab", "1:r", "1:c", "2:d", "1:e"], rows);
    }

    [Fact]
    public void A_row_reads_back_as_the_calls_written_and_a_single_call_row_from_an_earlier_release_still_reads()
    {
        OutboxCall[] calls =
        [
            new() { Kind = OutboxCallKind.AnswerCallback, CallbackQueryId = "q1" },
            new() { Kind = OutboxCallKind.Send, Text = "다음 문항입니다", Buttons = [[new OutboxButton("예", "Q1|1")]] },
        ];
        var json = OutboxPayload.Write(calls);

        Assert.Contains("다음 문항입니다", json);
        var read = OutboxPayload.Read(json);
        Assert.Equal(2, read.Count);
        Assert.Equal("q1", read[0].CallbackQueryId);
        Assert.Equal("Q1|1", read[1].Buttons![0][0].Data);

        var legacy = OutboxPayload.Read("""{"Kind":"Send","Text":"\uC548\uB155\uD558\uC138\uC694"}""");
        Assert.Equal("안녕하세요", Assert.Single(legacy).Text);
    }

    [Fact]
    public async Task A_button_answer_commits_one_outbox_row_with_its_calls_and_korean_stored_as_utf8()
    {
        await using var bot = await TelegramHarness.StartAsync();
        bot.Server.SendText(Chat, "/start");
        var intro = await bot.QuestionAsync(Chat, "INTRO");
        Assert.True(bot.TryPress(Chat, intro, "다음"));
        var sq1 = await bot.QuestionAsync(Chat, "SQ1");
        Assert.True(bot.TryPress(Chat, sq1, "종로구"));
        await bot.QuestionAsync(Chat, "SQ2");
        await bot.Server.WaitUntilAsync(() => bot.Server.CallbackAnswers.Count == 2, TelegramHarness.Wait);

        await using var db = bot.Database.Open();
        var outbox = await db.Outbox.AsNoTracking().Where(o => o.ChatId == Chat).OrderBy(o => o.Id).ToListAsync();
        var pressed = outbox.Select(o => OutboxPayload.Read(o.PayloadJson)).Last();
        // Within a section the pressed card becomes the next question: the callback answer and one edit.
        Assert.Equal([OutboxCallKind.AnswerCallback, OutboxCallKind.Edit], pressed.Select(c => c.Kind));
        Assert.StartsWith("✔ SQ1: 종로구", pressed[1].Text);
        // Leaving the introduction (a new section) leaves it in the chat and sends the first question.
        var intoSection = outbox.Select(o => OutboxPayload.Read(o.PayloadJson)).First(p => p.Any(c => c.Kind == OutboxCallKind.Edit));
        Assert.Equal([OutboxCallKind.AnswerCallback, OutboxCallKind.Edit, OutboxCallKind.Send], intoSection.Select(c => c.Kind));
        Assert.Contains("종로구", outbox[^1].PayloadJson);
        Assert.DoesNotContain(@"\u", outbox[^1].PayloadJson);
        // A handled update keeps nothing of what was sent, only a digest that tells a redelivery (see the privacy tests for what is kept before).
        var inbox = await db.Inbox.AsNoTracking().OrderBy(i => i.UpdateId).Select(i => i.PayloadJson).ToListAsync();
        Assert.All(inbox, p => Assert.Matches("^sha256:[0-9a-f]{16}$", p));
    }

    [Fact]
    public async Task An_edit_that_fails_for_good_still_lets_the_next_question_through_and_marks_the_row_failed()
    {
        await using var bot = await TelegramHarness.StartAsync();
        bot.Server.SendText(Chat, "/start");
        var intro = await bot.QuestionAsync(Chat, "INTRO");
        bot.Server.FailNext("editMessageText", 1, 400, description: "Bad Request: message can't be edited");
        Assert.True(bot.TryPress(Chat, intro, "다음"));

        await bot.QuestionAsync(Chat, "SQ1");
        await bot.Server.WaitUntilAsync(() => bot.Server.CallbackAnswers.Count == 1, TelegramHarness.Wait);
        await WaitForAsync(async () =>
        {
            await using var db = bot.Database.Open();
            return await db.Outbox.AnyAsync(o => o.ChatId == Chat && o.Status == OutboxRecord.Failed);
        });
        await using var check = bot.Database.Open();
        var failed = await check.Outbox.AsNoTracking().SingleAsync(o => o.ChatId == Chat && o.Status == OutboxRecord.Failed);
        Assert.Contains("message can't be edited", failed.Error);
        Assert.Equal(3, OutboxPayload.Read(failed.PayloadJson).Count);
    }

    [Fact]
    public async Task A_slow_callback_answer_does_not_hold_up_the_next_question_and_still_counts()
    {
        await using var bot = await TelegramHarness.StartAsync();
        bot.Server.SendText(Chat, "/start");
        var intro = await bot.QuestionAsync(Chat, "INTRO");
        bot.Server.DelayNext("answerCallbackQuery", 1, TimeSpan.FromSeconds(3));
        Assert.True(bot.TryPress(Chat, intro, "다음"));

        await bot.QuestionAsync(Chat, "SQ1");
        await bot.Server.WaitForMessageAsync(Chat, m => m.MessageId == intro.MessageId && !m.Buttons.Any(), TelegramHarness.Wait);
        // The question came, and the answered one was marked, while the callback answer was still on its way.
        Assert.Empty(bot.Server.CallbackAnswers);

        await bot.Server.WaitUntilAsync(() => bot.Server.CallbackAnswers.Count == 1, TelegramHarness.Wait);
        await WaitForAsync(async () =>
        {
            await using var db = bot.Database.Open();
            return await db.Outbox.Where(o => o.ChatId == Chat).AllAsync(o => o.Status == OutboxRecord.Sent);
        });
    }

    [Fact]
    public async Task A_pending_single_call_row_from_an_earlier_release_is_sent_after_the_restart()
    {
        await using var bot = await TelegramHarness.StartAsync();
        await bot.StopBotAsync();
        await using (var db = bot.Database.Open())
        {
            db.Outbox.Add(new OutboxRecord { ChatId = Chat, PayloadJson = """{"Kind":"Send","Text":"\uC548\uB155\uD558\uC138\uC694"}""", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        await bot.StartBotAgainAsync();

        await bot.Server.WaitForMessageAsync(Chat, m => m.Text == "안녕하세요", TelegramHarness.Wait);
        await WaitForAsync(async () =>
        {
            await using var db = bot.Database.Open();
            return await db.Outbox.AllAsync(o => o.Status == OutboxRecord.Sent);
        });
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TelegramHarness.Wait;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The outbox did not reach the expected state.");
            await Task.Delay(50);
        }
    }
}
