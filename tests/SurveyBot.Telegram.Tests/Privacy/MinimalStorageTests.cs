using Microsoft.EntityFrameworkCore;
using SurveyBot.Conversation;
using SurveyBot.FakeBotApi;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Privacy;

/// <summary>
/// What the inbox keeps of a received update: no name, username or language ever; once handled, nothing but the
/// update id and times; an update set aside after an error keeps the reduced payload for review.
/// </summary>
public sealed class MinimalStorageTests
{
    private const long Chat = 74_001;

    [Fact]
    public async Task Handled_updates_keep_no_payload_and_a_set_aside_one_keeps_its_text_but_no_name()
    {
        await using var bot = await TelegramHarness.StartAsync();
        bot.Server.SetProfile(Chat, new UserProfile("Mxfirst3391", "Mxlast3392", "mxhandle_3393"));
        bot.Server.SendText(Chat, "/start");
        bot.TryPress(Chat, await bot.QuestionAsync(Chat, "INTRO"), "다음");
        await bot.QuestionAsync(Chat, "SQ1");
        await using (var db = bot.Database.Open())
        {
            // A stored interview that cannot be read makes the next update fail: it is set aside.
            await db.Respondents.Where(r => r.ChatId == Chat).ExecuteUpdateAsync(set => set.SetProperty(r => r.AnswersJson, "not json"));
        }
        bot.Server.SendText(Chat, "설정된 응답 Mx4410");
        await bot.Server.WaitForMessageAsync(Chat, m => m.Text == SurveyBot.Conversation.ConversationReplies.Korean.SomethingWentWrong, TelegramHarness.Wait);

        await using var check = bot.Database.Open();
        var inbox = await check.Inbox.AsNoTracking().OrderBy(i => i.UpdateId).ToListAsync();
        var setAside = Assert.Single(inbox, i => i.Error != null);
        Assert.Contains("설정된 응답 Mx4410", setAside.PayloadJson);
        Assert.DoesNotContain("Mx", setAside.PayloadJson.Replace("설정된 응답 Mx4410", "", StringComparison.Ordinal));
        Assert.DoesNotContain("language_code", setAside.PayloadJson);
        // A handled update keeps only a digest that tells a redelivery, none of what was sent.
        Assert.All(inbox.Where(i => i.Error == null), i => Assert.Matches("^sha256:[0-9a-f]{16}$", i.PayloadJson));
        Assert.Equal(2, inbox.Count(i => i.Error == null && i.ProcessedAt != null));
    }
}
