using SurveyBot.Engine.Runtime;
using SurveyBot.Interviews;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Storage;

/// <summary>
/// The quota check reads completed counts under the single-writer gate and keeps it until its own
/// commit, so no other interview commits in between (the bound on overshooting a target).
/// </summary>
public sealed class QuotaCheckGateTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task An_input_that_settles_a_quota_cell_keeps_other_writers_waiting_until_it_commits()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, TimeProvider.System);
        await driver.StartAsync(1, "citizen");
        await driver.TypeAsync(1, "");
        await driver.TypeAsync(1, "1");
        await driver.TypeAsync(1, "1");

        await using var checking = database.Open();
        var turn = await new InterviewService(new InterviewStore(checking), ShippedFlows.Catalog, TimeProvider.System)
            .HandleAsync(InterviewDriver.Channel, 1, InterviewInput.Typed("25"), typedChoices: true, default);
        Assert.Equal("ELIGIBLE", turn!.Current.StepId);

        await using var other = database.Open();
        other.FlowCounters.Add(new FlowCounter { FlowId = "other", NextOrdinal = 1 });
        var otherSave = other.SaveChangesAsync();
        await Task.Delay(Pause);
        Assert.False(otherSave.IsCompleted, "another writer committed between the quota count and the check's own commit");

        await checking.SaveChangesAsync();
        await otherSave.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("25", database.AnswersOf(InterviewDriver.Channel, 1)["SQ3"]);
    }

    [Fact]
    public async Task An_input_that_settles_no_cell_holds_nothing()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, TimeProvider.System);
        await driver.StartAsync(1, "citizen");

        await using var answering = database.Open();
        await new InterviewService(new InterviewStore(answering), ShippedFlows.Catalog, TimeProvider.System)
            .HandleAsync(InterviewDriver.Channel, 1, InterviewInput.Typed(""), typedChoices: true, default);

        await using var other = database.Open();
        other.FlowCounters.Add(new FlowCounter { FlowId = "other", NextOrdinal = 1 });
        await other.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_held_gate_is_given_back_when_the_context_goes_away_without_saving()
    {
        using var database = new TestDatabase();
        await using (var abandoned = database.Open())
        {
            await SingleWriterGate.HoldUntilSavedAsync(abandoned, default);
        }

        await using var other = database.Open();
        other.FlowCounters.Add(new FlowCounter { FlowId = "other", NextOrdinal = 1 });
        await other.SaveChangesAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }
}
