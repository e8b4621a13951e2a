using SurveyBot.Tests.Golden;
using SurveyBot.Tests.Support;

namespace SurveyBot.Tests.Telegram;

/// <summary>Whole interviews in Telegram: the real client, a loopback Bot API server, a real SQLite file.</summary>
public sealed class TelegramInterviewTests
{
    private const long Chat = 51001;

    [Fact]
    public async Task A_full_citizen_interview_by_buttons_and_typing_stores_the_golden_answers()
    {
        var transcript = Transcript.Load("citizen.complete");
        await using var bot = await TelegramHarness.StartAsync();
        bot.Server.SendText(Chat, "/start");
        var step = transcript.First;
        var presses = 0;
        var nextPresses = 0;
        foreach (var turn in transcript.Turns)
        {
            var question = await bot.QuestionAsync(Chat, step);
            var answer = string.IsNullOrEmpty(turn.Type) ? "다음" : turn.Type;
            if (bot.TryPress(Chat, question, answer))
            {
                presses++;
                if (answer == "다음") nextPresses++;
            }
            else bot.Server.SendText(Chat, turn.Type!);
            step = turn.Step;
            if (step.StartsWith('(')) break;
            var next = await bot.QuestionAsync(Chat, step);
            var screen = next.Text + "\n" + string.Join("\n", next.Buttons.Select(b => b.Text));
            foreach (var text in turn.Shows) Assert.Contains(text, screen);
        }

        var closing = await bot.Server.WaitForMessageAsync(Chat, m => m.Text.Contains(transcript.Turns[^1].Shows[0]), TelegramHarness.Wait);
        Assert.Empty(closing.Buttons);
        await bot.Server.WaitUntilAsync(() => bot.Server.CallbackAnswers.Count == presses, TelegramHarness.Wait);
        Assert.Equal(transcript.Answers, bot.Database.AnswersOf("telegram", Chat));

        // Answered questions are edited to show the choice, with no buttons left to press.
        var answered = bot.Server.Messages(Chat).Where(m => m.Text.Contains("✔ 응답:")).ToList();
        Assert.Equal(presses - nextPresses, answered.Count);
        Assert.All(answered, m => Assert.Empty(m.Buttons));
        Assert.Contains(bot.Server.Messages(Chat), m => m.Text.Contains("✔ 응답: 여성"));
        Assert.Contains(bot.Server.Commands, c => c.Command == "back");
        Assert.DoesNotContain(bot.Logs.Lines, line => line.Contains(bot.Server.Token));
    }
}
