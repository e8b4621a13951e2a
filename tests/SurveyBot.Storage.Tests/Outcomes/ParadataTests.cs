using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Export;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Outcomes;

/// <summary>
/// Answer timings with a hand-moved clock: when each question was shown and answered, the seconds between,
/// how often it was shown (/back), and whether a reminder came in between; read back by PSPP.
/// </summary>
public sealed class ParadataTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Paradata_gives_shown_and_answered_times_seconds_visits_and_reminders_per_answered_question()
    {
        using var database = new TestDatabase();
        var clock = new FakeTimeProvider(Start);
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, clock);
        await driver.StartAsync(1, "citizen");          // INTRO shown at 0 s
        clock.Advance(TimeSpan.FromSeconds(5));
        await driver.TypeAsync(1, "");                  // INTRO done at 5 s: SQ1 shown
        clock.Advance(TimeSpan.FromSeconds(12));
        await driver.TypeAsync(1, "3");                 // SQ1 answered at 17 s: SQ2 shown
        clock.Advance(TimeSpan.FromSeconds(4));
        await driver.TypeAsync(1, "/back");             // 21 s: SQ1 shown again
        clock.Advance(TimeSpan.FromSeconds(6.5));
        await driver.TypeAsync(1, "3");                 // SQ1 answered at 27.5 s: SQ2 shown a second time
        clock.Advance(TimeSpan.FromSeconds(3));
        await using (var db = database.Open())          // a reminder goes out at 30.5 s, as the fieldwork scanner sends it
            await db.Respondents.ExecuteUpdateAsync(s => s.SetProperty(r => r.LastRemindedAt, Start.UtcDateTime.AddSeconds(30.5)).SetProperty(r => r.RemindersSent, 1));
        clock.Advance(TimeSpan.FromSeconds(7));
        await driver.TypeAsync(1, "2");                 // SQ2 answered at 37.5 s: SQ3 shown
        clock.Advance(TimeSpan.FromSeconds(2));
        await driver.TypeAsync(1, "41");                // SQ3 answered at 39.5 s (SQ4 recoded: no timing)

        var rows = await ParadataRowsAsync(database);
        Assert.Equal(["SQ1", "SQ2", "SQ3"], rows.Select(r => r["code"]));
        var sq1 = rows[0];
        Assert.Equal(("2026-12-01T09:00:21.000Z", "2026-12-01T09:00:27.500Z", "6.5", "2", "0"), (sq1["shown_at"], sq1["answered_at"], sq1["seconds"], sq1["visits"], sq1["reminded"]));
        var sq2 = rows[1];
        Assert.Equal(("2026-12-01T09:00:27.500Z", "2026-12-01T09:00:37.500Z", "10", "2", "1"), (sq2["shown_at"], sq2["answered_at"], sq2["seconds"], sq2["visits"], sq2["reminded"]));
        var sq3 = rows[2];
        Assert.Equal(("2", "1", "0"), (sq3["seconds"], sq3["visits"], sq3["reminded"]));
        Assert.Equal(["2", "3", "4"], rows.Select(r => r["step"]));
        Assert.All(rows, r => Assert.StartsWith("R", r["respondent_id"]));
        await using (var db = database.Open())
            Assert.Equal(1, db.Respondents.Single().BackCount);

        await File.WriteAllBytesAsync(Path.Combine(database.Folder, "paradata.csv"), await ParadataBytesAsync(database));
        var output = await Pspp.RunAsync(database.Folder, """
            GET DATA /TYPE=TXT /FILE='paradata.csv' /ENCODING='UTF8' /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2
              /DELIMITERS=',' /QUALIFIER='"'
              /VARIABLES=respondent_id A16 code A32 step F4.0 shown_at A24 answered_at A24 seconds F10.3 visits F4.0 reminded F1.0.
            DESCRIPTIVES /VARIABLES=seconds visits reminded /STATISTICS=SUM.
            """);
        Assert.Matches(@"seconds\s*\|\s*3\s*\|\s*18[.,]50", output);
        Assert.Matches(@"visits\s*\|\s*3\s*\|\s*5[.,]00", output);
    }

    [Fact]
    public async Task Going_back_over_an_answer_erases_its_timing_with_it()
    {
        using var database = new TestDatabase();
        var clock = new FakeTimeProvider(Start);
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, clock);
        await driver.StartAsync(1, "citizen");
        await driver.TypeAsync(1, "");
        clock.Advance(TimeSpan.FromSeconds(3));
        await driver.TypeAsync(1, "3");
        clock.Advance(TimeSpan.FromSeconds(3));
        await driver.TypeAsync(1, "/back");
        await driver.TypeAsync(1, "/back");

        Assert.Empty(await ParadataRowsAsync(database));
    }

    private static async Task<byte[]> ParadataBytesAsync(TestDatabase database)
    {
        using var csv = new MemoryStream();
        await new ResultExporter(database.Factory, ShippedFlows.Citizen.Definition).WriteAsync(ExportFormat.Paradata, csv);
        return csv.ToArray();
    }

    private static async Task<List<Dictionary<string, string>>> ParadataRowsAsync(TestDatabase database)
    {
        var rows = CsvText.Parse(Encoding.UTF8.GetString(await ParadataBytesAsync(database)));
        Assert.Equal(ParadataExporter.Columns, rows[0]);
        return rows.Skip(1).Select(r => rows[0].Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2)).ToList();
    }
}
