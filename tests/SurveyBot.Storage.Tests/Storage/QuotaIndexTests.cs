using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Runtime;
using SurveyBot.Storage;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Storage;

/// <summary>The quota check counts only the respondent's cell, through a partial index, and agrees with the full count.</summary>
public sealed class QuotaIndexTests
{
    private const string Quotas = """
        quotas:
          - code: AREA_SEX_AGE
            variables: [SQ1, SQ2, SQ4]
            target: 50
        """;

    [Fact]
    public async Task A_cell_count_agrees_with_the_count_of_every_cell_and_reads_the_quota_index()
    {
        using var database = new TestDatabase();
        var flows = TestFlows.WithCitizenQuotas(Quotas);
        var driver = new InterviewDriver(database, flows, TimeProvider.System);
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string> { ["SQ1"] = "1", ["SQ2"] = "1", ["SQ3"] = "25" }, seed: 1);
        await CitizenInterviews.RunAsync(driver, 2, new Dictionary<string, string> { ["SQ1"] = "1", ["SQ2"] = "1", ["SQ3"] = "27" }, seed: 2);
        await CitizenInterviews.RunAsync(driver, 3, new Dictionary<string, string> { ["SQ1"] = "1", ["SQ2"] = "2", ["SQ3"] = "25" }, seed: 3);
        await CitizenInterviews.RunAsync(driver, 4, new Dictionary<string, string> { ["SQ1"] = "2", ["SQ2"] = "1", ["SQ3"] = "45" }, seed: 4);
        // In progress in the same cell: not counted.
        await driver.StartAsync(5, "citizen");
        await driver.SendAsync(5, InterviewInput.Typed(""));
        await driver.TypeAsync(5, "1");
        await driver.TypeAsync(5, "1");
        var quota = flows["citizen"].Definition.Quotas.Single();

        await using var db = database.Open();
        var all = await QuotaCounter.CountCompletedAsync(db, "citizen", [quota], CancellationToken.None);
        foreach (var values in new[] { new[] { 1, 1, 2 }, [1, 2, 2], [2, 1, 4], [3, 1, 2] })
        {
            var cell = new QuotaCell(quota, values);
            var one = await QuotaCounter.CountCellsAsync(db, "citizen", [cell], CancellationToken.None);
            Assert.Equal(all.Completed(quota.Code, cell.Key), one.Completed(quota.Code, cell.Key));
        }
        Assert.Equal(2, all.Completed(quota.Code, "1,1,2"));

        var (expressions, filter) = QuotaCounter.IndexTerms("citizen", quota);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = $"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM respondents WHERE {filter} AND {string.Join(" AND ", expressions.Select(e => e + " = '1'"))}";
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        Assert.Contains(plan, step => step.Contains(QuotaCounter.IndexName("citizen", quota), StringComparison.Ordinal));
    }
}
