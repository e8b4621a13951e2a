using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Engine.Runtime;
using SurveyBot.Interviews;
using SurveyBot.Storage;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Storage;

/// <summary>
/// Erasure staged in a channel's unit of work (/delete): it lands with that unit's commit, takes along
/// answers staged earlier in the same unit, and touches no other chat.
/// </summary>
public sealed class StagedErasureTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Erasure_staged_after_an_answer_in_the_same_unit_of_work_removes_stored_and_staged_rows()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, Clock);
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string>(), seed: 1);
        await driver.StartAsync(2, "citizen");
        await driver.TypeAsync(2, "");
        await driver.TypeAsync(2, "3");
        var kept = database.AnswersOf(InterviewDriver.Channel, 1);

        await using (var db = database.Open())
        {
            var interviews = new InterviewService(new InterviewStore(db), ShippedFlows.Catalog, Clock);
            var turn = await interviews.HandleAsync(InterviewDriver.Channel, 2, InterviewInput.Typed("1"), typedChoices: true, default);
            Assert.True(turn!.Outcome.Accepted);
            Assert.Equal(1, await new RespondentEraser(db).StageChatErasureAsync(InterviewDriver.Channel, 2));
            interviews.Forget(InterviewDriver.Channel, 2);
            Assert.Null(await interviews.HandleAsync(InterviewDriver.Channel, 2, InterviewInput.Typed("40"), typedChoices: true, default));
            // Staged only: nothing has changed on disk yet.
            await using (var other = database.Open()) Assert.Equal(2, await other.Respondents.CountAsync());
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            Assert.False(await db.Respondents.AnyAsync(r => r.ChatId == 2));
            Assert.Equal(await db.Respondents.Select(r => r.Id).ToListAsync(), await db.Answers.Select(a => a.RespondentId).Distinct().ToListAsync());
        }
        Assert.Equal(kept, database.AnswersOf(InterviewDriver.Channel, 1));
    }

    [Fact]
    public async Task An_interview_created_and_erased_in_one_unit_of_work_never_reaches_the_database()
    {
        using var database = new TestDatabase();
        await using (var db = database.Open())
        {
            var interviews = new InterviewService(new InterviewStore(db), ShippedFlows.Catalog, Clock);
            await interviews.StartOrResumeAsync(InterviewDriver.Channel, 3, "citizen", null, typedChoices: true, default);
            await interviews.HandleAsync(InterviewDriver.Channel, 3, InterviewInput.Typed(""), typedChoices: true, default);
            await interviews.HandleAsync(InterviewDriver.Channel, 3, InterviewInput.Typed("7"), typedChoices: true, default);
            Assert.Equal(1, await new RespondentEraser(db).StageChatErasureAsync(InterviewDriver.Channel, 3));
            await db.SaveChangesAsync();
        }
        await using (var db = database.Open())
        {
            Assert.Equal(0, await db.Respondents.CountAsync());
            Assert.Equal(0, await db.Answers.CountAsync());
        }
    }
}
