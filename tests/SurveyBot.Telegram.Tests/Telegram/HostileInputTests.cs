using SurveyBot.Conversation;
using SurveyBot.Engine.Runtime;
using SurveyBot.FakeBotApi;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// Odd and hostile input in Telegram: each gets a polite Korean reply and changes nothing stored.
/// Every test first brings the respondent to a real question, then proves the database is
/// byte-for-byte the same after the input was handled.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private const long Chat = 52001;
    private TelegramHarness _bot = null!;

    public async Task InitializeAsync() => _bot = await TelegramHarness.StartAsync();

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    private FakeBotApiServer Server => _bot.Server;

    /// <summary>/start, past the intro, to the district question (SQ1).</summary>
    private async Task<BotMessage> AtFirstQuestionAsync()
    {
        Server.SendText(Chat, "/start");
        var intro = await _bot.QuestionAsync(Chat, "INTRO");
        Assert.True(_bot.TryPress(Chat, intro, "다음"));
        return await _bot.QuestionAsync(Chat, "SQ1");
    }

    private async Task<BotMessage> AtAgeQuestionAsync()
    {
        var sq1 = await AtFirstQuestionAsync();
        Assert.True(_bot.TryPress(Chat, sq1, "5"));
        var sq2 = await _bot.QuestionAsync(Chat, "SQ2");
        Assert.True(_bot.TryPress(Chat, sq2, "1"));
        return await _bot.QuestionAsync(Chat, "SQ3");
    }

    /// <summary>Sends an input, waits for the reply that contains <paramref name="expected"/>, and checks nothing stored changed.</summary>
    private async Task RepliesAndChangesNothing(Func<long> input, string expected)
    {
        var before = _bot.Database.Snapshot();
        var count = Server.Messages(Chat).Count;
        input();
        var reply = await Server.WaitForMessageAsync(Chat, m => m.MessageId > Server.Messages(Chat)[count - 1].MessageId && m.Text.Contains(expected), TelegramHarness.Wait);
        Assert.Contains(expected, reply.Text);
        Assert.Equal(before, _bot.Database.Snapshot());
    }

    private async Task AcknowledgedAndChangesNothing(Func<long> press, string expected)
    {
        var before = _bot.Database.Snapshot();
        var query = FakeBotApiServer.CallbackQueryIdFor(press());
        await Server.WaitUntilAsync(() => Server.CallbackAnswers.Any(a => a.CallbackQueryId == query), TelegramHarness.Wait);
        Assert.Contains(expected, Server.CallbackAnswers.Single(a => a.CallbackQueryId == query).Text);
        Assert.Equal(before, _bot.Database.Snapshot());
    }

    [Fact]
    public async Task Text_where_a_button_is_expected_asks_for_the_buttons()
    {
        await AtFirstQuestionAsync();
        await RepliesAndChangesNothing(() => Server.SendText(Chat, "강남구요"), EngineMessages.Korean.UseButtons);
        // The question comes again with the reply, so the buttons are right there.
        Assert.Contains(Server.LastMessage(Chat)!.Buttons, b => b.CallbackData == "SQ1|1");
    }

    [Fact]
    public async Task Stickers_photos_and_voice_messages_are_declined()
    {
        await AtFirstQuestionAsync();
        await RepliesAndChangesNothing(() => Server.SendSticker(Chat), ConversationReplies.Korean.UnsupportedMessage);
        await RepliesAndChangesNothing(() => Server.SendPhoto(Chat), ConversationReplies.Korean.UnsupportedMessage);
        await RepliesAndChangesNothing(() => Server.SendVoice(Chat), ConversationReplies.Korean.UnsupportedMessage);
    }

    [Fact]
    public async Task A_stale_keyboard_is_refused_on_the_button()
    {
        var sq1 = await AtFirstQuestionAsync();
        Assert.True(_bot.TryPress(Chat, sq1, "5"));
        await _bot.QuestionAsync(Chat, "SQ2");
        await AcknowledgedAndChangesNothing(() => Server.PressButton(Chat, sq1.MessageId, "SQ1|7"), EngineMessages.Korean.StaleButton);
    }

    [Theory]
    [InlineData("\u0001\u00ff garbage \u2603")]
    [InlineData("Q14_3|1")]
    [InlineData("SQ1|27")]
    [InlineData("SQ1|")]
    [InlineData("SQ1|-1")]
    [InlineData("SQ1|1|1")]
    public async Task Forged_callback_data_is_refused(string data)
    {
        var sq1 = await AtFirstQuestionAsync();
        var before = _bot.Database.Snapshot();
        var query = FakeBotApiServer.CallbackQueryIdFor(Server.PressButton(Chat, sq1.MessageId, data));
        await Server.WaitUntilAsync(() => Server.CallbackAnswers.Any(a => a.CallbackQueryId == query), TelegramHarness.Wait);
        Assert.False(string.IsNullOrWhiteSpace(Server.CallbackAnswers.Single(a => a.CallbackQueryId == query).Text));
        Assert.Equal(before, _bot.Database.Snapshot());
    }

    [Fact]
    public async Task A_double_tap_records_one_answer()
    {
        var sq1 = await AtFirstQuestionAsync();
        var first = FakeBotApiServer.CallbackQueryIdFor(Server.PressButton(Chat, sq1.MessageId, "SQ1|5"));
        var second = FakeBotApiServer.CallbackQueryIdFor(Server.PressButton(Chat, sq1.MessageId, "SQ1|5"));
        await Server.WaitUntilAsync(() => Server.CallbackAnswers.Count(a => a.CallbackQueryId == first || a.CallbackQueryId == second) == 2, TelegramHarness.Wait);
        await _bot.QuestionAsync(Chat, "SQ2");
        Assert.Equal(new Dictionary<string, string> { ["SQ1"] = "5" }, _bot.Database.AnswersOf(ConversationHandler.ChannelName, Chat));
        Assert.Single(Server.Messages(Chat), m => m.Buttons.Any(b => b.CallbackData == "SQ2|1"));
        Assert.Contains(EngineMessages.Korean.StaleButton, Server.CallbackAnswers.Single(a => a.CallbackQueryId == second).Text);
    }

    [Fact]
    public async Task An_edited_message_is_not_taken_as_an_answer()
    {
        await AtAgeQuestionAsync();
        Server.SendText(Chat, "34");
        await _bot.QuestionAsync(Chat, "ELIGIBLE");
        await RepliesAndChangesNothing(() => Server.SendEditedText(Chat, Server.LastUserMessageId(Chat), "70"), ConversationReplies.Korean.EditedMessage);
        Assert.Equal("34", _bot.Database.AnswersOf(ConversationHandler.ChannelName, Chat)["SQ3"]);
    }

    [Fact]
    public async Task A_message_in_a_group_gets_a_pointer_to_the_private_chat()
    {
        const long group = -100123;
        Server.SendText(group, "/start", userId: 777, chatType: "group");
        var reply = await Server.WaitForMessageAsync(group, m => true, TelegramHarness.Wait);
        Assert.Contains(ConversationReplies.Korean.PrivateOnly, reply.Text);
        using var db = _bot.Database.Open();
        Assert.Empty(db.Respondents);
        // Kept only as a group the bot left, which no broadcast reaches.
        var left = Assert.Single(db.Contacts);
        Assert.Equal((group, global::SurveyBot.Storage.Entities.ContactRecord.Left), (left.ChatId, left.State));
    }

    [Fact]
    public async Task A_4096_character_message_is_refused_politely()
    {
        await AtAgeQuestionAsync();
        await RepliesAndChangesNothing(() => Server.SendText(Chat, new string('가', 4096)), EngineMessages.Korean.NotANumber);
    }

    [Fact]
    public async Task The_same_update_delivered_twice_is_handled_once()
    {
        await AtAgeQuestionAsync();
        var update = Server.SendText(Chat, "34");
        await _bot.QuestionAsync(Chat, "ELIGIBLE");
        var before = _bot.Database.Snapshot();
        var messages = Server.Messages(Chat).Count;
        // Only a confirmed update can be sent again: wait for the bot's next poll to confirm it.
        await Server.WaitUntilAsync(() => Server.PendingUpdateCount == 0, TelegramHarness.Wait);
        Server.RedeliverFrom(update);
        await Server.WaitUntilAsync(() => Server.PendingUpdateCount == 0, TelegramHarness.Wait);
        // A later input proves the redelivered one has been through the receiver.
        await RepliesAndChangesNothing(() => Server.SendText(Chat, "/help"), "/back");
        Assert.Equal(messages + 1, Server.Messages(Chat).Count);
        Assert.Equal(before, _bot.Database.Snapshot());
        using var db = _bot.Database.Open();
        Assert.Equal(1, db.Inbox.Count(i => i.UpdateId == update));
    }
}
