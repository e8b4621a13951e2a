using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;
using SurveyBot.Testing.Golden;

namespace SurveyBot.Telegram.Tests.Telegram;

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
            // The engine's prompt (recorded in full in the transcript) heads the card's question.
            var next = await bot.QuestionAsync(Chat, step);
            Assert.Contains(turn.Shown!.Text.Last(l => l.Length > 0), next.Text);
        }

        var closing = await bot.Server.WaitForMessageAsync(Chat, m => m.Text.Contains(transcript.Turns[^1].Shown!.Text[0]), TelegramHarness.Wait);
        Assert.Empty(closing.Buttons);
        await bot.Server.WaitUntilAsync(() => bot.Server.CallbackAnswers.Count == presses, TelegramHarness.Wait);
        Assert.Equal(transcript.Answers, bot.Database.AnswersOf("telegram", Chat));

        // One limited call (send or edit) per answer: the card is edited in place, and only a new section, an
        // information screen left behind, a typed answer and the end start a new message.
        var inputs = transcript.Turns.Count + 1;
        var limited = bot.Server.CallCount("sendMessage") + bot.Server.CallCount("editMessageText");
        Assert.True(limited <= 1.1 * inputs, $"{limited} sends+edits for {inputs} answers");

        // The chat reads like a filled-in form: each card left behind keeps one line per question answered on it.
        var left = bot.Server.Messages(Chat).Where(m => !m.Buttons.Any()).Select(m => m.Text).ToList();
        string Line(string name, string prefix, int items) =>
            $"✔ {name}: " + string.Join(" · ", Enumerable.Range(1, items).Select(i => transcript.Answers[$"{prefix}_{i}"] is "99" ? "비해당" : transcript.Answers[$"{prefix}_{i}"]));
        var section1 = Assert.Single(left, t => t.Contains("✔ 문1: "));
        Assert.Contains(Line("문1", "Q1", 8), section1);
        Assert.Contains(Line("문2", "Q2", 6), section1);
        Assert.DoesNotContain("문3", section1.Split('\n')[0]);
        var section2 = Assert.Single(left, t => t.Contains("✔ 문4: "));
        Assert.Contains(Line("문4", "Q4", 10), section2);
        Assert.Contains("✔ 문5: 1순위 ", section2);
        Assert.Contains(Line("문11", "Q11", 7), section2);
        Assert.Contains(bot.Server.Messages(Chat), m => m.Text.Contains("✔ SQ2: 여성"));
        Assert.Contains(bot.Server.Commands, c => c.Command == "back");
        Assert.DoesNotContain(bot.Logs.Lines, line => line.Contains(bot.Server.Token));
    }
}
