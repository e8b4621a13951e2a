using Microsoft.EntityFrameworkCore;
using SurveyBot.Conversation;
using SurveyBot.Export;
using SurveyBot.FakeBotApi;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// /delete in Telegram: a respondent erases their interviews after confirming with a button. Only a
/// genuine, recent confirmation erases; cancelling, forged and stale presses leave the database as it was.
/// </summary>
public sealed class DeleteCommandTests : IAsyncLifetime
{
    private const long Chat = 62001;
    private const long Other = 62002;
    private TelegramHarness _bot = null!;

    private FakeBotApiServer Server => _bot.Server;

    private static ConversationReplies Replies => ConversationReplies.Korean;

    public async Task InitializeAsync() => _bot = await TelegramHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>/start, past the intro, district and sex answered by buttons: answers are stored for the chat.</summary>
    private async Task AnswerSomeAsync(long chat)
    {
        Server.SendText(chat, "/start");
        Assert.True(_bot.TryPress(chat, await _bot.QuestionAsync(chat, "INTRO"), "다음"));
        Assert.True(_bot.TryPress(chat, await _bot.QuestionAsync(chat, "SQ1"), "5"));
        Assert.True(_bot.TryPress(chat, await _bot.QuestionAsync(chat, "SQ2"), "2"));
        await _bot.QuestionAsync(chat, "SQ3");
    }

    private async Task<BotMessage> AskToDeleteAsync(long chat)
    {
        Server.SendText(chat, "/delete");
        var question = await Server.WaitForMessageAsync(chat, m => m.Text == Replies.DeleteConfirm, TelegramHarness.Wait);
        Assert.Equal([Replies.DeleteYes, Replies.DeleteNo], question.Buttons.Select(b => b.Text));
        return question;
    }

    private async Task<CallbackAnswer> PressAsync(long chat, int messageId, string data)
    {
        var query = FakeBotApiServer.CallbackQueryIdFor(Server.PressButton(chat, messageId, data));
        await Server.WaitUntilAsync(() => Server.CallbackAnswers.Any(a => a.CallbackQueryId == query), TelegramHarness.Wait, chat);
        return Server.CallbackAnswers.Single(a => a.CallbackQueryId == query);
    }

    private async Task<byte[]> ExportCsvAsync()
    {
        using var csv = new MemoryStream();
        await new ResultExporter(_bot.Database.Factory, ShippedFlows.Citizen.Definition).WriteAsync(ExportFormat.Csv, csv);
        return csv.ToArray();
    }

    [Fact]
    public async Task Confirmed_delete_erases_the_chats_interviews_and_the_export_loses_its_row()
    {
        await AnswerSomeAsync(Chat);
        await AnswerSomeAsync(Other);
        string erasedId;
        await using (var db = _bot.Database.Open()) erasedId = await db.Respondents.Where(r => r.ChatId == Chat).Select(r => r.PublicId).SingleAsync();
        Assert.Equal("5", _bot.Database.AnswersOf("telegram", Chat)["SQ1"]);

        var question = await AskToDeleteAsync(Chat);
        var answer = await PressAsync(Chat, question.MessageId, question.FindButton(Replies.DeleteYes)!.CallbackData!);
        Assert.Null(answer.Text);
        var done = await Server.WaitForMessageAsync(Chat, m => m.MessageId == question.MessageId && m.Text == Replies.DeleteDone, TelegramHarness.Wait);
        Assert.Empty(done.Buttons);

        await using (var db = _bot.Database.Open())
        {
            Assert.False(await db.Respondents.AnyAsync(r => r.ChatId == Chat));
            Assert.Equal(await db.Respondents.Where(r => r.ChatId == Other).Select(r => r.Id).ToListAsync(), await db.Answers.Select(a => a.RespondentId).Distinct().ToListAsync());
        }
        var rows = CsvText.Parse(await ExportCsvAsync());
        Assert.Equal(2, rows.Count);
        Assert.DoesNotContain(rows, r => r[0] == erasedId);

        // Afterwards the chat is a newcomer: an answer asks for /start, and /start begins afresh.
        Server.SendText(Chat, "42");
        await Server.WaitForMessageAsync(Chat, m => m.Text == Replies.StartFirst, TelegramHarness.Wait);
    }

    [Fact]
    public async Task Cancelled_delete_keeps_everything()
    {
        await AnswerSomeAsync(Chat);
        var before = _bot.Database.Snapshot();
        var question = await AskToDeleteAsync(Chat);
        await PressAsync(Chat, question.MessageId, question.FindButton(Replies.DeleteNo)!.CallbackData!);
        await Server.WaitForMessageAsync(Chat, m => m.MessageId == question.MessageId && m.Text == Replies.DeleteCancelled, TelegramHarness.Wait);
        Assert.Equal(before, _bot.Database.Snapshot());
        // The interview carries on where it was.
        Server.SendText(Chat, "33");
        await Server.WaitUntilAsync(() => _bot.Database.AnswersOf("telegram", Chat).GetValueOrDefault("SQ3") == "33", TelegramHarness.Wait, Chat);
    }

    [Fact]
    public async Task Forged_confirm_presses_erase_nothing()
    {
        await AnswerSomeAsync(Chat);
        await AnswerSomeAsync(Other);
        var before = _bot.Database.Snapshot();
        var answered = Server.Messages(Chat).First(m => !m.Buttons.Any());
        var otherQuestion = await _bot.QuestionAsync(Other, "SQ3");

        // The confirm data on a message that never offered it, on a message that does not exist, and on a
        // question in a chat that was never asked.
        Assert.Equal(Replies.DeleteExpired, (await PressAsync(Chat, answered.MessageId, ConversationHandler.EraseConfirmData)).Text);
        Assert.Equal(Replies.DeleteExpired, (await PressAsync(Chat, 99_999, ConversationHandler.EraseConfirmData)).Text);
        Assert.Equal(Replies.DeleteExpired, (await PressAsync(Other, otherQuestion.MessageId, ConversationHandler.EraseConfirmData)).Text);

        Assert.Equal(before, _bot.Database.Snapshot());
        await using var db = _bot.Database.Open();
        Assert.Equal(2, await db.Respondents.CountAsync());
    }

    [Fact]
    public async Task A_confirmation_asked_before_a_newer_interview_began_is_stale_and_erases_nothing()
    {
        // Screened out at the district question, so a new interview of another flow can begin.
        Server.SendText(Chat, "/start");
        Assert.True(_bot.TryPress(Chat, await _bot.QuestionAsync(Chat, "INTRO"), "다음"));
        Assert.True(_bot.TryPress(Chat, await _bot.QuestionAsync(Chat, "SQ1"), "26"));
        var question = await AskToDeleteAsync(Chat);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Server.SendText(Chat, "/start expert");
        await Server.WaitUntilAsync(() => Server.Messages(Chat).Any(m => m.MessageId > question.MessageId && m.Buttons.Any()), TelegramHarness.Wait, Chat);
        var before = _bot.Database.Snapshot();

        var answer = await PressAsync(Chat, question.MessageId, question.FindButton(Replies.DeleteYes)!.CallbackData!);

        Assert.Equal(Replies.DeleteExpired, answer.Text);
        Assert.Equal(before, _bot.Database.Snapshot());
        await using var db = _bot.Database.Open();
        Assert.Equal(2, await db.Respondents.CountAsync(r => r.ChatId == Chat));
    }

    [Fact]
    public async Task Delete_with_nothing_stored_says_so_and_offers_no_buttons()
    {
        Server.SendText(Chat, "/delete");
        var reply = await Server.WaitForMessageAsync(Chat, m => m.Text == Replies.DeleteNothing, TelegramHarness.Wait);
        Assert.Empty(reply.Buttons);
        Server.SendText(Chat, "/help");
        await Server.WaitForMessageAsync(Chat, m => m.Text.Contains("/delete", StringComparison.Ordinal), TelegramHarness.Wait);
    }
}
