using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Endurance;

/// <summary>A chat that blocked the bot and later unblocks it and writes again is answered as before.</summary>
public sealed class UnblockedChatTests
{
    private const long Chat = 61001;

    [Fact]
    public async Task A_chat_that_blocked_the_bot_gets_its_next_question_after_unblocking_and_writing_again()
    {
        await using var bot = await TelegramHarness.StartAsync();
        bot.Server.SendText(Chat, "/start");
        var intro = await bot.QuestionAsync(Chat, "INTRO");

        // The person blocks the bot, then presses "다음": the reply meets 403 and the contact is marked blocked.
        bot.Server.BlockChat(Chat);
        Assert.True(bot.TryPress(Chat, intro, "다음"));
        await WaitForAsync(bot, async db => await db.Contacts.AnyAsync(c => c.ChatId == Chat && c.State == ContactRecord.Blocked));
        var before = bot.Server.Messages(Chat).Count;

        // They unblock it and write again: the interview resumes where it stands, and the question reaches them.
        bot.Server.UnblockChat(Chat);
        bot.Server.SendText(Chat, "/start");
        var resumed = await bot.QuestionAsync(Chat, "SQ1");
        Assert.True(bot.Server.Messages(Chat).Count > before);
        Assert.Contains(resumed.Buttons, b => b.CallbackData?.StartsWith("SQ1|", StringComparison.Ordinal) == true);

        // And the interview goes on: the answer to it is stored.
        Assert.True(bot.TryPress(Chat, resumed, "1"));
        await WaitForAsync(bot, async db => await db.Answers.AnyAsync(a => a.Code == "SQ1" && a.Respondent!.ChatId == Chat));
        await WaitForAsync(bot, async db => await db.Contacts.AnyAsync(c => c.ChatId == Chat && c.State == ContactRecord.Active));
    }

    private static async Task WaitForAsync(TelegramHarness bot, Func<SurveyBot.Storage.SurveyDbContext, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TelegramHarness.Wait;
        while (true)
        {
            await using (var db = bot.Database.Open())
                if (await condition(db)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException(bot.Server.DescribeChat(Chat));
            await Task.Delay(50);
        }
    }
}
