using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Console;

/// <summary>The console channel as a newcomer runs it: the real program, a real SQLite file, new processes.</summary>
public sealed class ConsoleResumeTests : IDisposable
{
    private readonly TestDatabase _database = new();

    private Dictionary<string, string> Environment => new() { ["ConnectionStrings__SurveyBot"] = _database.ConnectionString };

    [Fact]
    public async Task An_interview_left_in_one_process_continues_at_the_same_question_in_a_new_one()
    {
        using (var first = BotProcess.Start(_database.Folder, Environment))
        {
            foreach (var line in new[] { "", "7", "2", "33" }) await first.WriteLineAsync(line);
            first.CloseInput();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("적격응답자", first.Output);
        }

        using var second = BotProcess.Start(_database.Folder, Environment);
        await second.WaitForOutputAsync("적격응답자", TimeSpan.FromSeconds(60));
        Assert.Contains("진행 중이던 응답을 이어서 진행합니다.", second.Output);
        Assert.Contains("[문항 5/75]", second.Output);
        await second.WriteLineAsync("");
        await second.WaitForOutputAsync("(1/8)", TimeSpan.FromSeconds(30));
        second.CloseInput();
        await second.WaitForExitAsync(TimeSpan.FromSeconds(30));

        var answers = _database.AnswersOf("console", 1);
        Assert.Equal(new Dictionary<string, string> { ["SQ1"] = "7", ["SQ2"] = "2", ["SQ3"] = "33", ["SQ4"] = "3" }, answers);
    }

    [Fact]
    public async Task A_kill_9_right_after_an_answer_loses_nothing_and_the_next_run_asks_the_next_question()
    {
        using (var first = BotProcess.Start(_database.Folder, Environment, "--respondent", "9"))
        {
            await first.WriteLineAsync("");
            await first.WriteLineAsync("12");
            await first.WaitForOutputAsync("SQ2)", TimeSpan.FromSeconds(60));
            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }
        Assert.Equal("12", _database.AnswersOf("console", 9)["SQ1"]);

        using var second = BotProcess.Start(_database.Folder, Environment, "--respondent", "9");
        await second.WaitForOutputAsync("SQ2)", TimeSpan.FromSeconds(60));
        Assert.DoesNotContain("SQ1)", second.Output);
        second.CloseInput();
        await second.WaitForExitAsync(TimeSpan.FromSeconds(30));
    }

    public void Dispose() => _database.Dispose();
}
