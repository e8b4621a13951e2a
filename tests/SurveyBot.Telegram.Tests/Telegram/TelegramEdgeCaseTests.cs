using SurveyBot.Conversation;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// Telegram's documented edge cases, through the loopback Bot API: update ids that continue at a lower
/// value after a quiet week, and the bot added to a group.
/// </summary>
public sealed class TelegramEdgeCaseTests
{
    private const long Chat = 61001;

    [Fact]
    public async Task An_update_id_lower_than_ones_already_handled_is_a_new_answer_not_a_duplicate()
    {
        await using var bot = await TelegramHarness.StartAsync();
        var server = bot.Server;
        server.SendText(Chat, "/start");
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "INTRO"), "다음"));
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "SQ1"), "5"));
        var sq2 = await bot.QuestionAsync(Chat, "SQ2");
        Assert.True(server.LastUpdateId >= 3);

        // A week without updates: Telegram goes on from a random value, here one the bot already handled (the
        // press on the intro's 다음 button).
        server.ContinueUpdateIdsAt(2);
        Assert.True(bot.TryPress(Chat, sq2, "1"));

        await bot.QuestionAsync(Chat, "SQ3");
        Assert.Equal("1", bot.Database.AnswersOf(ConversationHandler.ChannelName, Chat)["SQ2"]);

        // After a restart too, polling resumes after the newest update, not after the highest id ever seen.
        await bot.StopBotAsync();
        await bot.StartBotAgainAsync();
        server.SendText(Chat, "34");
        await bot.QuestionAsync(Chat, "ELIGIBLE");
        Assert.Equal("34", bot.Database.AnswersOf(ConversationHandler.ChannelName, Chat)["SQ3"]);
    }

    [Fact]
    public async Task In_a_group_the_bot_says_once_that_it_works_in_private_chats_and_leaves()
    {
        const long group = -100_555_001;
        await using var bot = await TelegramHarness.StartAsync();
        var server = bot.Server;

        server.SendText(group, "/start", userId: 7001, chatType: "supergroup");
        server.SendText(group, "안녕하세요", userId: 7002, chatType: "supergroup");
        server.SendText(group, "/help", userId: 7003, chatType: "supergroup");
        await server.WaitUntilAsync(() => server.HasLeft(group), TelegramHarness.Wait);
        // The messages sent before the bot left were all delivered to it; a later one would not be.
        await server.WaitUntilAsync(() => server.PendingUpdateCount == 0, TelegramHarness.Wait);
        await Task.Delay(1000);

        var reply = Assert.Single(server.Messages(group));
        Assert.Equal(ConversationReplies.Korean.PrivateOnly, reply.Text);
        Assert.Single(server.Calls, c => c.Method == "leaveChat" && c.ChatId == group && c.StatusCode == 200);
        using var db = bot.Database.Open();
        Assert.Equal(ContactRecord.Left, Assert.Single(db.Contacts).State);
        Assert.Empty(db.Respondents);
    }

    [Fact]
    public async Task A_429_answered_to_a_group_does_not_pause_a_broadcast()
    {
        const long group = -100_555_002;
        var contacts = Enumerable.Range(0, 10).Select(i => 610_100L + i).ToList();
        await using var bot = await TelegramHarness.StartAsync(StaffSetup.StaffSettings());
        var server = bot.Server;
        await StaffSetup.SeedContactsAsync(bot.Database, contacts, ContactRecord.Active, DateTime.UtcNow);

        // The group's own limit (20 messages a minute) answers the bot's one message there with a long retry_after.
        server.FailNext("sendMessage", 1, 429, retryAfter: 40);
        server.SendText(group, "설문 어디서 해요?", userId: 7004, chatType: "group");
        await server.WaitUntilAsync(() => server.Calls.Any(c => c.Method == "sendMessage" && c.ChatId == group && c.StatusCode == 429), TelegramHarness.Wait);

        server.SendText(StaffSetup.StaffChat, "/broadcast citizen all");
        var preview = await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.FindButton("보내기") is not null, TelegramHarness.Wait);
        server.PressButton(StaffSetup.StaffChat, preview.MessageId, preview.FindButton("보내기")!.CallbackData!);

        // Well before the group's retry_after is over, everyone has the invitation.
        await server.WaitForMessageAsync(StaffSetup.StaffChat, m => m.Text.Contains("발송을 마쳤습니다"), TimeSpan.FromSeconds(20));
        Assert.All(contacts, chat => Assert.Single(server.Messages(chat)));
        // The group still gets its one message once its own wait is over.
        Assert.Empty(server.Messages(group));
    }
}
