using Microsoft.EntityFrameworkCore;
using SurveyBot.Conversation;
using SurveyBot.Engine.Runtime;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// One response per person and flow, through Telegram: someone screened out of the citizen survey who then takes the
/// expert consultation is told, while it is in progress, that it goes on, and once it is done, that they have already
/// answered; no second citizen interview begins. A flow file with <c>repeat: true</c> lets them take it again.
/// </summary>
public sealed class OneResponsePerFlowTests
{
    private const long Chat = 97_001;
    private const string Saved = "저장되었습니다";

    [Fact]
    public async Task A_person_who_was_screened_out_and_took_the_expert_flow_cannot_start_the_citizen_survey_again()
    {
        await using var bot = await TelegramHarness.StartAsync();
        var server = bot.Server;
        await ScreenOutAsync(bot);

        // The expert consultation is another flow: it begins.
        server.SendText(Chat, "/start expert");
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "INTRO"), "다음"));
        var smartCity = await bot.QuestionAsync(Chat, "SMARTCITY");

        // /start (the citizen survey) in the middle of it: a polite word, and the expert question is shown again.
        server.SendText(Chat, "/start");
        var notice = await server.WaitForMessageAsync(Chat, m => m.Text == ConversationReplies.Korean.OtherSurveyInProgress, TelegramHarness.Wait);
        // The expert question is shown again below the notice.
        await server.WaitForMessageAsync(Chat, m => m.MessageId > notice.MessageId && m.Buttons.Any(b => b.CallbackData?.StartsWith("SMARTCITY|", StringComparison.Ordinal) == true), TelegramHarness.Wait);
        Assert.True(notice.MessageId > smartCity.MessageId);

        await FinishExpertAsync(bot);

        // Both flows are over for this person: /start is thanked, not interviewed again.
        server.SendText(Chat, "/start");
        await server.WaitForMessageAsync(Chat, m => m.Text == EngineMessages.Korean.AlreadyFinished, TelegramHarness.Wait);
        server.SendText(Chat, "/start citizen");
        await server.WaitUntilAsync(() => server.Messages(Chat).Count(m => m.Text == EngineMessages.Korean.AlreadyFinished) == 2, TelegramHarness.Wait, Chat);

        await using var db = bot.Database.Open();
        var interviews = await db.Respondents.Where(r => r.ChatId == Chat).OrderBy(r => r.Id).Select(r => r.FlowId + ":" + r.Status).ToListAsync();
        Assert.Equal(["citizen:screened_out", "expert:completed"], interviews);
    }

    [Fact]
    public async Task A_flow_that_allows_repeats_starts_again_for_a_person_who_ended_it()
    {
        var folder = Directory.CreateTempSubdirectory("surveybot-flows-").FullName;
        File.Copy(RepoPaths.Flow("expert"), Path.Combine(folder, "expert.yaml"));
        var citizen = File.ReadAllText(RepoPaths.Flow("citizen"));
        Assert.Contains("\ntitle: ", citizen);
        File.WriteAllText(Path.Combine(folder, "citizen.yaml"), citizen.Replace("\ntitle: ", "\nrepeat: true\ntitle: ", StringComparison.Ordinal));
        await using var bot = await TelegramHarness.StartAsync(new Dictionary<string, string?> { ["Survey:FlowsPath"] = folder });
        await ScreenOutAsync(bot);

        var before = bot.Server.Messages(Chat).Count;
        bot.Server.SendText(Chat, "/start");
        await bot.Server.WaitUntilAsync(() => bot.Server.Messages(Chat).Skip(before).Any(m => m.Buttons.Any(b => b.CallbackData?.StartsWith("INTRO|", StringComparison.Ordinal) == true)), TelegramHarness.Wait, Chat);

        await using var db = bot.Database.Open();
        var interviews = await db.Respondents.Where(r => r.ChatId == Chat).OrderBy(r => r.Id).Select(r => r.FlowId + ":" + r.Status).ToListAsync();
        Assert.Equal(["citizen:screened_out", "citizen:in_progress"], interviews);
    }

    /// <summary>The citizen survey ends at its first screening question: living outside Seoul (그 외) is not eligible.</summary>
    private static async Task ScreenOutAsync(TelegramHarness bot)
    {
        bot.Server.SendText(Chat, "/start");
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "INTRO"), "다음"));
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "SQ1"), ScreenOutAnswer));
        await bot.Server.WaitForMessageAsync(Chat, m => m.Text.Contains("응답 대상이 아니십니다"), TelegramHarness.Wait);
    }

    private const string ScreenOutAnswer = "그 외";

    private static async Task FinishExpertAsync(TelegramHarness bot)
    {
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "SMARTCITY"), "다음"));
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "E1"), "반드시 필요하다"));
        await WriteAsync(bot, "E1_1");
        Assert.True(bot.TryPress(Chat, await bot.QuestionAsync(Chat, "E2"), "어느 정도 필요한 편이다"));
        foreach (var code in new[] { "E2_1", "E3", "E4_1", "E4_2", "E4_3", "E5_1", "E5_2", "E6" }) await WriteAsync(bot, code);
        await bot.Server.WaitForMessageAsync(Chat, m => m.Text.Contains("소중한 의견을 주셔서 진심으로 감사드립니다."), TelegramHarness.Wait);
    }

    /// <summary>An open answer in one message, then 완료 on its confirmation.</summary>
    private static async Task WriteAsync(TelegramHarness bot, string code)
    {
        await bot.QuestionAsync(Chat, code);
        var last = bot.Server.LastMessage(Chat)!.MessageId;
        bot.Server.SendText(Chat, $"{code}에 대한 의견입니다.");
        var confirmation = await bot.Server.WaitForMessageAsync(Chat, m => m.MessageId > last && m.Text.Contains(Saved), TelegramHarness.Wait);
        Assert.True(bot.TryPress(Chat, confirmation, "완료"));
    }
}
