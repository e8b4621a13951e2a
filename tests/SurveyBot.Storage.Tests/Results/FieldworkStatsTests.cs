using Microsoft.Extensions.Time.Testing;
using SurveyBot.Results;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Results;

public sealed class FieldworkStatsTests
{
    [Fact]
    public async Task Stats_count_statuses_screen_outs_completion_median_duration_and_breakdowns_in_korean()
    {
        using var database = new TestDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, clock);
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string> { ["SQ2"] = "1", ["SQ3"] = "25" }, 1, TimeSpan.FromSeconds(5), clock);
        await CitizenInterviews.RunAsync(driver, 2, new Dictionary<string, string> { ["SQ2"] = "2", ["SQ3"] = "45" }, 2, TimeSpan.FromSeconds(10), clock);
        await CitizenInterviews.RunAsync(driver, 3, new Dictionary<string, string> { ["SQ2"] = "1", ["SQ3"] = "35" }, 3, TimeSpan.FromSeconds(20), clock);
        await CitizenInterviews.RunAsync(driver, 4, new Dictionary<string, string> { ["SQ1"] = "26" }, 4);
        await CitizenInterviews.RunAsync(driver, 5, new Dictionary<string, string> { ["SQ1"] = "1", ["SQ3"] = "80" }, 5);
        await CitizenInterviews.RunAsync(driver, 6, new Dictionary<string, string> { ["SQ1"] = "2", ["SQ3"] = "12" }, 6);
        await driver.StartAsync(7, "citizen");

        var summary = await new FieldworkStats(database.Factory, ShippedFlows.Citizen.Definition).ComputeAsync();

        Assert.Equal(7, summary.Started);
        Assert.Equal(3, summary.Completed);
        Assert.Equal(3, summary.ByStatus["screened_out"]);
        Assert.Equal(1, summary.ByStatus["in_progress"]);
        Assert.Equal([("SQ3", "SQ3 < 15 or SQ3 >= 70", 2), ("SQ1", "SQ1 = 26", 1)], summary.ScreenOuts);
        Assert.Equal(3.0 / 7, summary.CompletionRate!.Value, 6);
        var steps = ShippedFlows.Citizen.Plan.ShownStepCount;
        Assert.True(summary.MedianDuration > TimeSpan.FromSeconds(10 * (steps - 5)) && summary.MedianDuration < TimeSpan.FromSeconds(10 * (steps + 5)), $"median {summary.MedianDuration}");
        Assert.Equal(["SQ1", "SQ2", "SQ4"], summary.Breakdowns.Select(b => b.Code));
        var sex = summary.Breakdowns.Single(b => b.Code == "SQ2");
        Assert.Equal([("남성", 2), ("여성", 1)], sex.Rows.Select(r => (r.Label, r.Count)));
        var age = summary.Breakdowns.Single(b => b.Code == "SQ4");
        Assert.Equal(1, age.Rows.Single(r => r.Label == "20-29세").Count);
        Assert.Equal(0, age.Rows.Single(r => r.Label == "16-19세").Count);

        var text = summary.ToText();
        Assert.True(text.Length < 4096);
        Assert.Contains("시작: 7명", text);
        Assert.Contains("- 완료: 3명 (42.9%)", text);
        Assert.Contains("완료율 (완료/시작): 42.9%", text);
        Assert.Contains("- SQ3 (SQ3 < 15 or SQ3 >= 70): 2명", text);
        Assert.Contains("- 남성: 2명 (66.7%)", text);
        Assert.Contains("응답 시간 중앙값 (완료): ", text);
    }

    [Fact]
    public async Task Stats_of_an_empty_survey_say_so_without_failing()
    {
        using var database = new TestDatabase();
        var summary = await new FieldworkStats(database.Factory, ShippedFlows.Citizen.Definition).ComputeAsync();
        Assert.Equal(0, summary.Started);
        Assert.Null(summary.CompletionRate);
        Assert.Contains("완료율 (완료/시작): -", summary.ToText());
    }
}
