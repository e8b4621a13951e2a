using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Export;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Export;

public sealed class ResultTableTests
{
    [Fact]
    public async Task Any_answer_text_comes_back_exactly_and_cannot_spill_into_other_columns()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string> { ["SQ3"] = "33", ["DQ5"] = "13", ["DQ5_other"] = "placeholder" }, seed: 1);
        await CitizenInterviews.RunAsync(driver, 2, new Dictionary<string, string> { ["SQ3"] = "44", ["DQ5"] = "13", ["DQ5_other"] = "보통 답변" }, seed: 2);
        const string hostile = "\",\"SQ3\":\"999\"} \\ \u001b0\u001e\u001f\n\t\u0000 😀 '=1+1";
        await using (var db = database.Open())
        {
            var first = await db.Respondents.Where(r => r.ChatId == 1).Select(r => r.Id).SingleAsync();
            await db.Answers.Where(a => a.RespondentId == first && a.Code == "DQ5_other").ExecuteUpdateAsync(set => set.SetProperty(a => a.Value, hostile));
        }

        var table = new ResultTable(database.Factory, ShippedFlows.Citizen.Definition);
        var rows = await table.RowsAsync().ToListAsync();
        var at = table.Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

        Assert.Equal(2, rows.Count);
        Assert.Equal(hostile, rows[0][at["DQ5_other"]]);
        Assert.Equal("33", rows[0][at["SQ3"]]);
        Assert.Equal("보통 답변", rows[1][at["DQ5_other"]]);
        Assert.Equal("44", rows[1][at["SQ3"]]);
        foreach (var (row, chat) in rows.Zip([1L, 2L]))
        {
            var stored = database.AnswersOf(InterviewDriver.Channel, chat);
            var exported = table.Columns.Select((c, i) => (c, v: row[i])).Skip(ResultTable.MetadataColumns.Length).Take(ShippedFlows.Citizen.Definition.DataColumns.Count).Where(x => x.v is not null).ToDictionary(x => x.c, x => x.v!);
            Assert.Equal(stored, exported);
        }
    }

    [Fact]
    public async Task Rows_of_many_respondents_come_in_respondent_order_each_with_its_own_answers()
    {
        using var database = new TestDatabase();
        const int count = 4_567;
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            for (var n = 1; n <= count; n++)
            {
                await using var insert = connection.CreateCommand();
                // Another flow's respondents in between must not show up.
                var flow = n % 10 == 0 ? "expert" : "citizen";
                insert.CommandText = $"""
                    INSERT INTO respondents (Id, PublicId, FlowId, FlowVersion, Channel, ChatId, Ordinal, Status, HistoryJson, StartedAt, UpdatedAt)
                    VALUES ({n}, 'R{n:x12}', '{flow}', 1, 'test', {n}, {n}, 'in_progress', '[]', '2026-12-01 00:00:00', '2026-12-01 00:00:00');
                    INSERT INTO answers (RespondentId, Code, Value, AnsweredAt) VALUES ({n}, 'SQ1', '{n % 25 + 1}', '2026-12-01 00:00:00');
                    INSERT INTO answers (RespondentId, Code, Value, AnsweredAt) VALUES ({n}, 'SQ3', '{n}', '2026-12-01 00:00:00');
                    """;
                await insert.ExecuteNonQueryAsync();
            }
            await transaction.CommitAsync();
        }

        var table = new ResultTable(database.Factory, ShippedFlows.Citizen.Definition);
        var rows = await table.RowsAsync().ToListAsync();

        var expected = Enumerable.Range(1, count).Where(n => n % 10 != 0).ToList();
        var at = table.Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);
        Assert.Equal(expected.Select(n => $"R{n:x12}"), rows.Select(r => r[0]));
        Assert.Equal(expected.Select(n => (n % 25 + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r[at["SQ1"]]));
        Assert.Equal(expected.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Select(r => r[at["SQ3"]]));
    }
}
