using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Runtime;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// The question card in a real chat: edited in place answer after answer, with the record of what was answered,
/// and safe against old buttons, /back and an edit made again after a crash.
/// </summary>
public sealed class QuestionCardTests
{
    private const long Chat = 61001;

    private static async Task<TelegramHarness> ToMatrixAsync()
    {
        var bot = await TelegramHarness.StartAsync();
        bot.Server.SendText(Chat, "/start");
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "INTRO"), "다음"));
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "SQ1"), "3"));
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "SQ2"), "1"));
        await bot.QuestionAsync(Chat, "SQ3");
        bot.Server.SendText(Chat, "41");
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "ELIGIBLE"), "다음"));
        return bot;
    }

    [Fact]
    public async Task Matrix_items_follow_on_one_card_that_records_the_answers_given_so_far()
    {
        await using var bot = await ToMatrixAsync();
        var card = await bot.QuestionAsync(Chat, "Q1_1");
        Assert.True(bot.TryPress(Chat, card, "6"));
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "Q1_2"), "99"));
        var third = await bot.QuestionAsync(Chat, "Q1_3");

        Assert.Equal(card.MessageId, third.MessageId);
        Assert.StartsWith("✔ 문1: 6 · 비해당\n\n", third.Text);
        Assert.Contains("(3/8)", third.Text);
        // Nothing new was sent for the two answers: the card was edited twice.
        Assert.Equal(card.MessageId, bot.Server.LastMessage(Chat)!.MessageId);
    }

    [Fact]
    public async Task A_tap_on_a_card_left_behind_gets_a_polite_note_records_nothing_and_turns_into_the_current_question()
    {
        await using var bot = await ToMatrixAsync();
        var current = await bot.QuestionAsync(Chat, "Q1_1");
        // The age card stayed above the typed answer, with its back button.
        var old = bot.Server.Messages(Chat).Last(m => m.MessageId < current.MessageId && m.Buttons.Any(b => b.CallbackData == "SQ3|back"));
        var before = bot.Database.Snapshot();

        bot.Server.PressButton(Chat, old.MessageId, "SQ3|back");

        await bot.Server.WaitUntilAsync(() => bot.Server.CallbackAnswers.Any(a => a.Text == EngineMessages.Korean.StaleButton), TelegramHarness.Wait);
        Assert.Equal(before, bot.Database.Snapshot());
        Assert.Equal("41", bot.Database.AnswersOf("telegram", Chat)["SQ3"]);
        Assert.Equal(current.Text, bot.Server.Messages(Chat).Single(m => m.MessageId == current.MessageId).Text);
        // The card tapped now shows the question to answer, so it is where the respondent is looking (as after a
        // restart that sent a card again which Telegram had delivered already).
        var healed = await bot.Server.WaitForMessageAsync(Chat, m => m.MessageId == old.MessageId && m.Text == current.Text, TelegramHarness.Wait);
        Assert.Contains(healed.Buttons, b => b.CallbackData == "Q1_1|1");
        Assert.True(bot.TryPress(Chat, healed, "6"));
        await bot.QuestionAsync(Chat, "Q1_2");
        Assert.Equal("6", bot.Database.AnswersOf("telegram", Chat)["Q1_1"]);
    }

    [Fact]
    public async Task Back_on_the_card_turns_it_into_the_previous_item_and_erases_that_answer()
    {
        await using var bot = await ToMatrixAsync();
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "Q1_1"), "6"));
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "Q1_2"), "5"));
        var card = await bot.QuestionAsync(Chat, "Q1_3");
        var sent = bot.Server.CallCount("sendMessage");

        Assert.True(bot.TryPress(Chat, card, "back"));

        var back = await bot.QuestionAsync(Chat, "Q1_2");
        Assert.Equal(card.MessageId, back.MessageId);
        Assert.StartsWith("✔ 문1: 6\n\n", back.Text);
        Assert.Equal(sent, bot.Server.CallCount("sendMessage"));
        await bot.Server.WaitUntilAsync(() => !bot.Database.AnswersOf("telegram", Chat).ContainsKey("Q1_2"), TelegramHarness.Wait);
    }

    [Fact]
    public async Task An_edit_made_again_after_a_crash_is_taken_as_done()
    {
        await using var bot = await ToMatrixAsync();
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "Q1_1"), "6"));
        var card = await bot.QuestionAsync(Chat, "Q1_2");
        await bot.Server.WaitUntilAsync(() => bot.Server.CallbackAnswers.Count == 5, TelegramHarness.Wait);
        await bot.StopBotAsync();
        // A kill after the edit went out but before it was marked: the row is pending at the next start.
        await using (var db = bot.Database.Open())
        {
            var edit = await db.Outbox.Where(o => o.ChatId == Chat).OrderBy(o => o.Id).LastAsync();
            Assert.Contains("\"Edit\"", edit.PayloadJson);
            await db.Outbox.Where(o => o.Id == edit.Id).ExecuteUpdateAsync(o => o.SetProperty(r => r.Status, OutboxRecord.Pending).SetProperty(r => r.SentAt, (DateTime?)null));
        }
        var edits = bot.Server.CallCount("editMessageText");

        await bot.StartBotAgainAsync();

        await bot.Server.WaitUntilAsync(() => bot.Server.CallCount("editMessageText") > edits, TelegramHarness.Wait);
        await bot.Server.WaitUntilAsync(() =>
        {
            using var db = bot.Database.Open();
            return db.Outbox.Where(o => o.ChatId == Chat).All(o => o.Status == OutboxRecord.Sent);
        }, TelegramHarness.Wait);
        Assert.Equal(card.Text, bot.Server.Messages(Chat).Single(m => m.MessageId == card.MessageId).Text);
        // The callback answer made again is too old for Telegram by then; the spinner stopped long ago, so that is done too.
        Assert.DoesNotContain(bot.Logs.Lines, line => line.Contains("Outbox call", StringComparison.Ordinal) && line.Contains("failed", StringComparison.Ordinal));
    }
}
