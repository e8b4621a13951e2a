using SurveyBot.Engine.Runtime;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>A select-multiple question in a real chat: each tap toggles an option on the card, edited in place, one limited call per tap.</summary>
public sealed class MultiChoiceTelegramTests
{
    private const long Chat = 62001;

    private static Task<TelegramHarness> StartAsync() => TelegramHarness.StartAsync(new Dictionary<string, string?>
    {
        ["Survey:FlowsPath"] = RepoPaths.TestFlows,
        ["Survey:DefaultFlow"] = "transport",
    });

    [Fact]
    public async Task Taps_toggle_options_on_one_card_the_most_allowed_is_kept_politely_and_done_stores_every_option()
    {
        await using var bot = await StartAsync();
        bot.Server.SendText(Chat, "/start");
        var card = await bot.QuestionAsync(Chat, "T1");
        Assert.Contains("다 고르셨으면 '선택 완료'를 눌러 주세요", card.Text);
        var sends = bot.Server.CallCount("sendMessage");

        foreach (var (tap, taps) in new[] { ("1", 1), ("2", 2), ("3", 3) })
        {
            var edits = bot.Server.CallCount("editMessageText");
            Assert.True(bot.TryPress(Chat, card, tap));
            card = await bot.Server.WaitForMessageAsync(Chat, m => m.MessageId == card.MessageId && m.Buttons.Count(b => b.Text.StartsWith("✅ ", StringComparison.Ordinal)) == taps, TelegramHarness.Wait);
            await bot.Server.WaitUntilAsync(() => bot.Server.CallCount("editMessageText") == edits + 1, TelegramHarness.Wait);
        }
        Assert.Contains("선택하신 보기: 버스, 지하철, 자가용", card.Text);
        Assert.Equal(sends, bot.Server.CallCount("sendMessage"));

        var before = bot.Database.Snapshot();
        Assert.True(bot.TryPress(Chat, card, "4"));
        await bot.Server.WaitUntilAsync(() => bot.Server.CallbackAnswers.Any(a => a.Text == string.Format(EngineMessages.Korean.MultiTooMany, 3)), TelegramHarness.Wait);
        Assert.Equal(before, bot.Database.Snapshot());

        Assert.True(bot.TryPress(Chat, card, "✅ 버스"));
        card = await bot.Server.WaitForMessageAsync(Chat, m => m.MessageId == card.MessageId && m.Buttons.Count(b => b.Text.StartsWith("✅ ", StringComparison.Ordinal)) == 2, TelegramHarness.Wait);
        Assert.True(bot.TryPress(Chat, card, "done"));

        var next = await bot.QuestionAsync(Chat, "T2");
        Assert.Equal(card.MessageId, next.MessageId);
        Assert.StartsWith("✔ 문1: 지하철, 자가용\n\n", next.Text);
        var answers = bot.Database.AnswersOf("telegram", Chat);
        Assert.Equal(["0", "1", "1", "0", "0"], new[] { "T1_1", "T1_2", "T1_3", "T1_4", "T1_5" }.Select(c => answers[c]));
        Assert.Equal(sends, bot.Server.CallCount("sendMessage"));
    }

    [Fact]
    public async Task Done_before_the_fewest_allowed_gets_a_polite_note_and_stores_nothing()
    {
        await using var bot = await StartAsync();
        bot.Server.SendText(Chat, "/start");
        var card = await bot.QuestionAsync(Chat, "T1");
        var before = bot.Database.Snapshot();

        Assert.True(bot.TryPress(Chat, card, "done"));

        await bot.Server.WaitUntilAsync(() => bot.Server.CallbackAnswers.Any(a => a.Text == string.Format(EngineMessages.Korean.MultiTooFew, 1)), TelegramHarness.Wait);
        Assert.Equal(before, bot.Database.Snapshot());
    }
}
