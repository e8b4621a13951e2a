using Microsoft.Extensions.Time.Testing;
using SurveyBot.Engine.Runtime;
using SurveyBot.Results;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Engine;

/// <summary>Quotas through the interview service and a real SQLite file: counted on completed interviews, checked when the cell is known.</summary>
public sealed class QuotaTests
{
    // 종로구 x 남성 x 20-29세 takes two completed interviews; every other cell takes five.
    private const string Quotas = """
        quotas:
          - code: AREA_SEX_AGE
            variables: [SQ1, SQ2, SQ4]
            target: 5
            cells:
              - {values: [1, 1, 2], target: 2}
        """;

    private static readonly Dictionary<string, string> FullCell = new() { ["SQ1"] = "1", ["SQ2"] = "1", ["SQ3"] = "25" };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_full_cell_ends_the_next_respondent_in_it_as_quota_full_right_after_the_age_while_another_cell_proceeds()
    {
        using var database = new TestDatabase();
        var flows = TestFlows.WithCitizenQuotas(Quotas);
        var driver = new InterviewDriver(database, flows, _clock);
        await CitizenInterviews.RunAsync(driver, 1, FullCell, seed: 1);
        await CitizenInterviews.RunAsync(driver, 2, FullCell, seed: 2);

        var turn = await driver.StartAsync(3, "citizen");
        await driver.SendAsync(3, InterviewInput.Typed(""));
        await driver.TypeAsync(3, "1");
        await driver.TypeAsync(3, "1");
        var before = database.Snapshot();
        turn = await driver.TypeAsync(3, "25");

        Assert.True(turn.Current.IsFinal);
        Assert.Equal(flows["citizen"].Definition.Messages.QuotaFull, turn.Current.Text);
        Assert.Contains("응답자 모집이 이미 마감되어", turn.Current.Text);
        Assert.NotEqual(before, database.Snapshot());
        await using (var db = database.Open())
        {
            var respondent = db.Respondents.Single(r => r.ChatId == 3);
            Assert.Equal("quota_full", respondent.Status);
            Assert.Equal("SQ3", respondent.ScreenedOutAt);
            Assert.NotNull(respondent.CompletedAt);
        }
        Assert.Equal(new Dictionary<string, string> { ["SQ1"] = "1", ["SQ2"] = "1", ["SQ3"] = "25", ["SQ4"] = "2" }, database.AnswersOf(InterviewDriver.Channel, 3));

        // Further input is politely refused and changes nothing.
        var after = database.Snapshot();
        var refused = await driver.TypeAsync(3, "1");
        Assert.False(refused.Outcome.Accepted);
        Assert.Equal(after, database.Snapshot());

        // 종로구 x 여성 x 20-29세 is another cell: the same age goes on to the eligibility notice.
        await driver.StartAsync(4, "citizen");
        await driver.SendAsync(4, InterviewInput.Typed(""));
        await driver.TypeAsync(4, "1");
        await driver.TypeAsync(4, "2");
        var other = await driver.TypeAsync(4, "25");
        Assert.False(other.Current.IsFinal);
        Assert.Equal("ELIGIBLE", other.Current.StepId);

        // So does 종로구 x 남성 at 30-39세.
        var older = await CitizenInterviews.RunAsync(driver, 5, new Dictionary<string, string> { ["SQ1"] = "1", ["SQ2"] = "1", ["SQ3"] = "35" }, seed: 5);
        Assert.Equal(InterviewStatus.Completed, older.Interview!.State.Status);
    }

    [Fact]
    public async Task Only_completed_interviews_count_and_a_respondent_past_the_check_may_still_complete_which_is_the_documented_bound()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, TestFlows.WithCitizenQuotas(Quotas), _clock);

        // Chat 1 passes the check while the cell is empty, then waits at the eligibility notice.
        await driver.StartAsync(1, "citizen");
        await driver.SendAsync(1, InterviewInput.Typed(""));
        await driver.TypeAsync(1, "1");
        await driver.TypeAsync(1, "1");
        Assert.Equal("ELIGIBLE", (await driver.TypeAsync(1, "25")).Current.StepId);

        // An interview in progress (chat 1) does not fill the cell: two completions do.
        await CitizenInterviews.RunAsync(driver, 2, FullCell, seed: 2);
        await CitizenInterviews.RunAsync(driver, 3, FullCell, seed: 3);

        // Chat 1 was already past the check: it completes, one over the target.
        var random = new Random(1);
        var turn = await driver.SendAsync(1, InterviewInput.Typed(""));
        while (!turn.Current.IsFinal) turn = await driver.SendAsync(1, Simulation.SimulatedAnswers.For(turn.Current, random));
        Assert.Equal(InterviewStatus.Completed, turn.Interview!.State.Status);

        var summary = await new FieldworkStats(database.Factory, driver.Flows["citizen"].Definition).ComputeAsync();
        var cell = Assert.Single(Assert.Single(summary.Quotas).Cells);
        Assert.Equal(("종로구 · 남성 · 20-29세", 3, 2, true), (cell.Label, cell.Completed, cell.Target, cell.Full));
    }

    [Fact]
    public async Task Going_back_and_changing_the_age_checks_the_new_cell()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, TestFlows.WithCitizenQuotas(Quotas), _clock);
        await CitizenInterviews.RunAsync(driver, 1, FullCell, seed: 1);
        await CitizenInterviews.RunAsync(driver, 2, FullCell, seed: 2);

        await driver.StartAsync(3, "citizen");
        await driver.SendAsync(3, InterviewInput.Typed(""));
        await driver.TypeAsync(3, "1");
        await driver.TypeAsync(3, "1");
        Assert.Equal("ELIGIBLE", (await driver.TypeAsync(3, "35")).Current.StepId);
        Assert.Equal("SQ3", (await driver.SendAsync(3, InterviewInput.Back())).Current.StepId);

        var turn = await driver.TypeAsync(3, "25");
        Assert.True(turn.Current.IsFinal);
        await using var db = database.Open();
        Assert.Equal("quota_full", db.Respondents.Single(r => r.ChatId == 3).Status);
    }

    [Fact]
    public async Task The_export_carries_quota_full_with_the_question_that_ended_it()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, TestFlows.WithCitizenQuotas(Quotas), _clock);
        await CitizenInterviews.RunAsync(driver, 1, FullCell, seed: 1);
        await CitizenInterviews.RunAsync(driver, 2, FullCell, seed: 2);
        var ended = await CitizenInterviews.RunAsync(driver, 3, FullCell, seed: 3);
        Assert.Equal(InterviewStatus.QuotaFull, ended.Interview!.State.Status);

        var table = new SurveyBot.Export.ResultTable(database.Factory, driver.Flows["citizen"].Definition);
        using var buffer = new MemoryStream();
        await SurveyBot.Export.CsvExporter.WriteAsync(table, buffer);
        var rows = CsvText.Parse(buffer.ToArray());
        var header = rows[0].Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

        Assert.Equal(["completed", "completed", "quota_full"], rows.Skip(1).Select(r => r[header["status"]]));
        var quotaFull = rows[3];
        Assert.Equal("SQ3", quotaFull[header["screened_out_at"]]);
        Assert.Equal(["1", "1", "25", "2", ""], new[] { "SQ1", "SQ2", "SQ3", "SQ4", "Q1_1" }.Select(c => quotaFull[header[c]]));
        Assert.NotEqual("", quotaFull[header["completed_at"]]);
    }

    [Fact]
    public async Task Stats_show_each_cells_fill_in_korean()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, TestFlows.WithCitizenQuotas(Quotas), _clock);
        await CitizenInterviews.RunAsync(driver, 1, FullCell, seed: 1);
        await CitizenInterviews.RunAsync(driver, 2, FullCell, seed: 2);
        await CitizenInterviews.RunAsync(driver, 3, new Dictionary<string, string> { ["SQ1"] = "23", ["SQ2"] = "2", ["SQ3"] = "45" }, seed: 3);
        await driver.StartAsync(4, "citizen");
        await driver.SendAsync(4, InterviewInput.Typed(""));
        await driver.TypeAsync(4, "1");
        await driver.TypeAsync(4, "1");
        await driver.TypeAsync(4, "25");

        var summary = await new FieldworkStats(database.Factory, driver.Flows["citizen"].Definition).ComputeAsync();

        Assert.Equal(1, summary.ByStatus["quota_full"]);
        var text = summary.ToText();
        Assert.Contains("- 할당 마감: 1명", text);
        Assert.Contains("할당 AREA_SEX_AGE (SQ1 × SQ2 × SQ4), 셀당 목표 5명 (완료/목표):", text);
        Assert.Contains("- 종로구 · 남성 · 20-29세: 2/2명 마감", text);
        Assert.Contains("- 강남구 · 여성 · 40-49세: 1/5명", text);
        Assert.Contains("- 그 밖의 258개 셀: 0/5명", text); // 26 districts (26 = 그 외) x 2 x 5 = 260 cells, 2 listed
    }
}
