using Microsoft.Extensions.Time.Testing;
using SurveyBot.Configuration;
using SurveyBot.Engine.Runtime;
using SurveyBot.Flows;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Engine;

/// <summary>Fielding windows through the interview service with a clock the test moves and a real SQLite file.</summary>
public sealed class FieldingWindowTests
{
    private static readonly TimeSpan Seoul = TimeSpan.FromHours(9);
    private static readonly DateTimeOffset Opens = new(2026, 12, 7, 9, 0, 0, Seoul);
    private static readonly DateTimeOffset Closes = new(2026, 12, 21, 18, 0, 0, Seoul);

    private static FlowCatalog Catalog(double graceHours = 24) => new(RepoPaths.Flows, new Dictionary<string, FieldingWindow>
    {
        ["citizen"] = new() { Opens = Opens, Closes = Closes, GraceHours = graceHours },
    });

    [Fact]
    public async Task Before_opening_start_says_when_it_opens_and_stores_nothing()
    {
        using var database = new TestDatabase();
        var clock = new FakeTimeProvider(Opens.AddMinutes(-1));
        var driver = new InterviewDriver(database, Catalog(), clock);

        var turn = await driver.StartAsync(1, "citizen");

        Assert.True(turn.Current.IsFinal);
        Assert.Null(turn.Interview);
        Assert.Equal("안녕하세요. 본 조사는 아직 시작 전입니다. 2026년 12월 7일 09:00부터 참여하실 수 있으니 그때 다시 찾아 주시면 감사하겠습니다.", turn.Current.Text);
        Assert.Equal("", database.Snapshot());

        // At the opening minute the same chat starts.
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("INTRO", (await driver.StartAsync(1, "citizen")).Current.StepId);
    }

    [Fact]
    public async Task After_closing_no_new_interview_starts_and_nothing_is_stored()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, Catalog(), new FakeTimeProvider(Closes));

        var turn = await driver.StartAsync(1, "citizen");

        Assert.True(turn.Current.IsFinal);
        Assert.Equal("본 조사는 2026년 12월 21일 18:00에 마감되어 더 이상 응답을 받지 않습니다. 관심을 가져 주셔서 진심으로 감사드립니다.", turn.Current.Text);
        Assert.Equal("", database.Snapshot());
    }

    [Fact]
    public async Task An_interview_in_progress_at_closing_finishes_within_the_grace_period()
    {
        using var database = new TestDatabase();
        var clock = new FakeTimeProvider(Closes.AddHours(-1));
        var driver = new InterviewDriver(database, Catalog(graceHours: 24), clock);
        await driver.StartAsync(1, "citizen");
        await driver.TypeAsync(1, "");

        clock.Advance(TimeSpan.FromHours(23));
        Assert.True((await driver.StartAsync(2, "citizen")).Current.IsFinal, "a new respondent must not start after closing");
        var resumed = await driver.StartAsync(1, "citizen");
        Assert.True(resumed.Resumed);
        Assert.Equal("SQ1", resumed.Current.StepId);

        var turn = await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string>(), seed: 1);
        Assert.Equal(InterviewStatus.Completed, turn.Interview!.State.Status);
        await using var db = database.Open();
        Assert.Equal(["completed"], db.Respondents.Select(r => r.Status).ToList());
    }

    [Fact]
    public async Task After_the_grace_period_inputs_get_the_closed_message_and_change_nothing()
    {
        using var database = new TestDatabase();
        var clock = new FakeTimeProvider(Closes.AddHours(-1));
        var driver = new InterviewDriver(database, Catalog(graceHours: 2), clock);
        await driver.StartAsync(1, "citizen");
        var sq1 = await driver.TypeAsync(1, "");
        Assert.Equal("SQ1", sq1.Current.StepId);

        clock.Advance(TimeSpan.FromHours(3));
        var before = database.Snapshot();
        var typed = await driver.TypeAsync(1, "1");
        var back = await driver.SendAsync(1, InterviewInput.Back());
        var resumed = await driver.StartAsync(1, "citizen");

        foreach (var turn in new[] { typed, back, resumed })
        {
            Assert.False(turn.Outcome.Accepted);
            Assert.True(turn.Current.IsFinal);
            Assert.StartsWith("본 조사는 2026년 12월 21일 18:00에 마감되어", turn.Current.Text);
        }
        Assert.Equal(before, database.Snapshot());
        await using var db = database.Open();
        Assert.Equal("in_progress", db.Respondents.Single().Status);
    }

    [Fact]
    public async Task A_window_on_one_flow_leaves_the_other_open()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, Catalog(), new FakeTimeProvider(Closes.AddDays(10)));

        Assert.Equal("INTRO", (await driver.StartAsync(1, "expert")).Current.StepId);
        Assert.True((await driver.StartAsync(2, "citizen")).Current.IsFinal);
    }

    [Fact]
    public void A_window_naming_no_flow_or_closing_before_it_opens_stops_the_start()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() => new FlowCatalog(RepoPaths.Flows, new Dictionary<string, FieldingWindow> { ["citizn"] = new() { Opens = Opens } }));
        Assert.Contains("Survey:Fielding:citizn", unknown.Message);
        var backwards = Assert.Throws<InvalidOperationException>(() => new FlowCatalog(RepoPaths.Flows, new Dictionary<string, FieldingWindow> { ["citizen"] = new() { Opens = Closes, Closes = Opens } }));
        Assert.Contains("Closes must be after Opens", backwards.Message);
    }
}
