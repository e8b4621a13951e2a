using System.Text;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.FakeBotApi;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;
using SurveyBot.Testing.Golden;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// Fieldwork controls as respondents meet them in Telegram (the real client, the loopback Bot API
/// server, a real SQLite file): two flows side by side, quotas and fielding windows.
/// </summary>
public sealed class FieldworkTelegramTests
{
    private const string Saved = "저장되었습니다";

    [Fact]
    public async Task The_expert_flow_by_deep_link_with_long_answers_over_several_messages_runs_beside_the_citizen_flow()
    {
        await using var bot = await TelegramHarness.StartAsync();
        const long expertChat = 62001, citizenChat = 62002;
        var pieces = Enumerable.Range(1, 3).Select(LongPiece).ToList();
        var citizen = Transcript.Load("citizen.complete");

        async Task<Dictionary<string, string>> ExpertAsync()
        {
            bot.Server.SendText(expertChat, "/start expert");
            Press(await bot.QuestionAsync(expertChat, "INTRO"), "다음");
            Press(await bot.QuestionAsync(expertChat, "SMARTCITY"), "다음");
            Press(await bot.QuestionAsync(expertChat, "E1"), "반드시 필요하다");
            await bot.QuestionAsync(expertChat, "E1_1");
            await WriteAndFinishAsync("E1_1", pieces);
            Press(await bot.QuestionAsync(expertChat, "E2"), "어느 정도 필요한 편이다");
            var expected = new Dictionary<string, string> { ["E1"] = "1", ["E1_1"] = string.Join("\n", pieces), ["E2"] = "2" };
            foreach (var code in new[] { "E2_1", "E3", "E4_1", "E4_2", "E4_3", "E5_1", "E5_2", "E6" })
            {
                await bot.QuestionAsync(expertChat, code);
                var parts = new List<string> { $"{code}에 대한 의견 첫 부분입니다.", $"{code}에 대한 의견 둘째 부분입니다." };
                await WriteAndFinishAsync(code, parts);
                expected[code] = string.Join("\n", parts);
            }
            await bot.Server.WaitForMessageAsync(expertChat, m => m.Text.Contains("소중한 의견을 주셔서 진심으로 감사드립니다."), TelegramHarness.Wait);
            return expected;
        }

        // Each piece is its own message; 완료 is pressed on the confirmation of the last one.
        async Task WriteAndFinishAsync(string code, IReadOnlyList<string> parts)
        {
            var last = bot.Server.LastMessage(expertChat)!.MessageId;
            foreach (var part in parts)
            {
                bot.Server.SendText(expertChat, part);
                last = (await bot.Server.WaitForMessageAsync(expertChat, m => m.MessageId > last && m.Text.Contains(Saved), TelegramHarness.Wait)).MessageId;
            }
            var confirmation = bot.Server.Messages(expertChat).Single(m => m.MessageId == last);
            Assert.Contains(confirmation.Buttons, b => b.CallbackData == code + "|done" || b.Text == "완료");
            Press(confirmation, "완료", expertChat);
        }

        async Task CitizenAsync()
        {
            bot.Server.SendText(citizenChat, "/start");
            var step = citizen.First;
            foreach (var turn in citizen.Turns)
            {
                var question = await bot.QuestionAsync(citizenChat, step);
                var answer = string.IsNullOrEmpty(turn.Type) ? "다음" : turn.Type;
                if (!bot.TryPress(citizenChat, question, answer)) bot.Server.SendText(citizenChat, turn.Type!);
                step = turn.Step;
                if (step.StartsWith('(')) break;
            }
            await bot.Server.WaitForMessageAsync(citizenChat, m => m.Text.Contains(citizen.Turns[^1].Shown!.Text[0]), TelegramHarness.Wait);
        }

        void Press(BotMessage message, string label, long chat = expertChat) =>
            Assert.True(bot.TryPress(chat, message, label), $"no button '{label}' on: {message.Text}");

        var expertRun = ExpertAsync();
        await Task.WhenAll(expertRun, CitizenAsync());
        var expertAnswers = await expertRun;

        Assert.Equal(expertAnswers.OrderBy(a => a.Key), bot.Database.AnswersOf("telegram", expertChat).OrderBy(a => a.Key));
        Assert.Equal(citizen.Answers.OrderBy(a => a.Key), bot.Database.AnswersOf("telegram", citizenChat).OrderBy(a => a.Key));
        Assert.True(pieces.All(p => p.Length > 1000), "each piece of the long answer is a long message of its own");
        await using var db = bot.Database.Open();
        var rows = db.Respondents.OrderBy(r => r.ChatId).Select(r => new { r.ChatId, r.FlowId, r.Status, r.AnswersJson }).ToList();
        Assert.Equal([(expertChat, "expert", "completed"), (citizenChat, "citizen", "completed")], rows.Select(r => (r.ChatId, r.FlowId, r.Status)));
        Assert.DoesNotContain("\"SQ1\"", rows[0].AnswersJson);
        Assert.DoesNotContain("\"E1\"", rows[1].AnswersJson);
    }

    [Fact]
    public async Task A_respondent_in_a_full_quota_cell_is_told_politely_right_after_the_age_while_another_cell_goes_on()
    {
        var folder = TestFlows.FolderWithCitizenQuotas("""
            quotas:
              - code: AREA_SEX_AGE
                variables: [SQ1, SQ2, SQ4]
                target: 5
                cells:
                  - {values: [1, 1, 2], target: 2}
            """);
        var flows = new Flows.FlowCatalog(folder);
        await using var bot = await TelegramHarness.StartAsync(new Dictionary<string, string?> { ["Survey:FlowsPath"] = folder });
        var seeding = new InterviewDriver(bot.Database, flows, TimeProvider.System);
        var full = new Dictionary<string, string> { ["SQ1"] = "1", ["SQ2"] = "1", ["SQ3"] = "25" };
        await CitizenInterviews.RunAsync(seeding, 1, full, seed: 1);
        await CitizenInterviews.RunAsync(seeding, 2, full, seed: 2);

        const long man = 63001, woman = 63002;
        foreach (var (chat, sex) in new[] { (man, "남성"), (woman, "여성") })
        {
            bot.Server.SendText(chat, "/start");
            Assert.True(bot.TryPress(chat, await bot.QuestionAsync(chat, "INTRO"), "다음"));
            Assert.True(bot.TryPress(chat, await bot.QuestionAsync(chat, "SQ1"), "종로구"));
            Assert.True(bot.TryPress(chat, await bot.QuestionAsync(chat, "SQ2"), sex));
            await bot.Server.WaitForMessageAsync(chat, m => m.Text.Contains("SQ3)"), TelegramHarness.Wait);
            bot.Server.SendText(chat, "25");
        }

        var closing = await bot.Server.WaitForMessageAsync(man, m => m.Text.Contains("응답자 모집이 이미 마감되어"), TelegramHarness.Wait);
        Assert.Equal(flows["citizen"].Definition.Messages.QuotaFull, closing.Text);
        Assert.Empty(closing.Buttons);
        await bot.QuestionAsync(woman, "ELIGIBLE");

        await using var db = bot.Database.Open();
        var telegram = db.Respondents.Where(r => r.Channel == "telegram").OrderBy(r => r.ChatId).Select(r => new { r.ChatId, r.Status, r.ScreenedOutAt }).ToList();
        Assert.Equal([(man, "quota_full", (string?)"SQ3"), (woman, "in_progress", null)], telegram.Select(r => (r.ChatId, r.Status, r.ScreenedOutAt)));
        Assert.Equal("2", bot.Database.AnswersOf("telegram", man)["SQ4"]);
    }

    [Fact]
    public async Task Before_opening_after_closing_and_after_the_grace_period_respondents_get_polite_messages_and_nothing_is_stored()
    {
        var opens = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.FromHours(9));
        var closes = new DateTimeOffset(2026, 12, 21, 18, 0, 0, TimeSpan.FromHours(9));
        var clock = new FakeTimeProvider(opens.AddHours(-1));
        await using var bot = await TelegramHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Survey:Fielding:citizen:Opens"] = "2026-12-07T09:00:00+09:00",
            ["Survey:Fielding:citizen:Closes"] = "2026-12-21T18:00:00+09:00",
            ["Survey:Fielding:citizen:GraceHours"] = "2",
            // The bot's timers run on this clock too: the fieldwork scanner would expire the interview left idle over
            // the two weeks the clock jumps (expire_after 7d, FieldworkTests). This test is about the window alone.
            ["Fieldwork:ScanIntervalSeconds"] = "2592000",
        }, clock: clock);
        const long early = 64001, late = 64002;

        bot.Server.SendText(early, "/start");
        await bot.Server.WaitForMessageAsync(early, m => m.Text.Contains("아직 시작 전입니다. 2026년 12월 7일 09:00부터"), TelegramHarness.Wait);
        Assert.Equal(0, RespondentCount());

        clock.Advance(TimeSpan.FromHours(2));
        bot.Server.SendText(early, "/start");
        Assert.True(bot.TryPress(early, await bot.QuestionAsync(early, "INTRO"), "다음"));
        var sq1 = await bot.QuestionAsync(early, "SQ1");

        // Closed, within the grace period: the interview in progress goes on, no new one starts.
        clock.Advance(closes - opens + TimeSpan.FromMinutes(30));
        bot.Server.SendText(late, "/start");
        await bot.Server.WaitForMessageAsync(late, m => m.Text.Contains("2026년 12월 21일 18:00에 마감되어"), TelegramHarness.Wait);
        Assert.True(bot.TryPress(early, sq1, "종로구"));
        var sq2 = await bot.QuestionAsync(early, "SQ2");

        // Past the grace period: a press and a message get the closed message; nothing changes.
        clock.Advance(TimeSpan.FromHours(2));
        var answers = bot.Database.AnswersOf("telegram", early);
        Assert.True(bot.TryPress(early, sq2, "남성"));
        await bot.Server.WaitUntilAsync(() => bot.Server.CallbackAnswers.Any(a => a.ChatId == early && a.Text?.Contains("마감되어") == true), TelegramHarness.Wait);
        var before = bot.Server.Messages(early).Count;
        bot.Server.SendText(early, "1");
        await bot.Server.WaitForMessageAsync(early, m => m.Text.StartsWith("본 조사는 2026년 12월 21일 18:00에 마감되어", StringComparison.Ordinal) && bot.Server.Messages(early).Count > before, TelegramHarness.Wait);

        Assert.Equal(new Dictionary<string, string> { ["SQ1"] = "1" }, bot.Database.AnswersOf("telegram", early));
        Assert.Equal(answers, bot.Database.AnswersOf("telegram", early));
        Assert.Equal(1, RespondentCount());
        await using var db = bot.Database.Open();
        Assert.Equal("in_progress", db.Respondents.Single().Status);

        int RespondentCount()
        {
            using var count = bot.Database.Open();
            return count.Respondents.Count();
        }
    }

    /// <summary>A long paragraph of an open answer (about 1,500 characters), numbered so pieces differ.</summary>
    private static string LongPiece(int number)
    {
        var text = new StringBuilder($"[{number}] ");
        while (text.Length < 1500) text.Append("스마트도시는 기술보다 시민의 삶을 중심에 두어야 하며, 데이터는 공공의 이익을 위해 투명하게 쓰여야 합니다. ");
        return text.ToString().TrimEnd();
    }
}
