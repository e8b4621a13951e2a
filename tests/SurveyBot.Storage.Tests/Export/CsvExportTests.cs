using System.Text;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Export;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Export;

public sealed class CsvExportTests
{
    [Fact]
    public async Task The_wide_csv_has_a_bom_stable_columns_one_row_per_respondent_and_empty_unanswered_cells()
    {
        using var database = new TestDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, clock);

        await driver.StartAsync(1, "citizen", source: "=cmd|' /C calc'!A0");
        foreach (var input in new[] { "", "26" }) { clock.Advance(TimeSpan.FromSeconds(10)); await driver.TypeAsync(1, input); }
        await driver.StartAsync(2, "citizen");
        foreach (var input in new[] { "", "3", "1", "45", "", "비해당" }) await driver.TypeAsync(2, input);

        var table = new ResultTable(database.Factory, ShippedFlows.Citizen.Definition);
        using var buffer = new MemoryStream();
        await CsvExporter.WriteAsync(table, buffer);
        var bytes = buffer.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);

        var rows = CsvText.Parse(bytes);
        string[] metadata = ["respondent_id", "status", "screened_out_at", "started_at", "completed_at", "duration_s", "source", "flow_version"];
        Assert.Equal([.. metadata, .. ShippedFlows.Citizen.Definition.DataColumns, .. QualityFlags.Columns(ShippedFlows.Citizen.Definition)], rows[0]);
        Assert.Equal(3, rows.Count);
        var header = rows[0].Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

        var screened = rows[1];
        Assert.Matches("^R[0-9a-f]{12}$", screened[header["respondent_id"]]);
        Assert.Equal("screened_out", screened[header["status"]]);
        Assert.Equal("SQ1", screened[header["screened_out_at"]]);
        Assert.Equal("2026-11-30T09:00:00Z", screened[header["started_at"]]);
        Assert.Equal("2026-11-30T09:00:20Z", screened[header["completed_at"]]);
        Assert.Equal("20", screened[header["duration_s"]]);
        Assert.Equal("'=cmd|' /C calc'!A0", screened[header["source"]]);
        Assert.Equal("26", screened[header["SQ1"]]);
        Assert.Equal("", screened[header["SQ2"]]);

        var inProgress = rows[2];
        Assert.Equal("in_progress", inProgress[header["status"]]);
        Assert.Equal(["3", "1", "45", "4"], new[] { "SQ1", "SQ2", "SQ3", "SQ4" }.Select(c => inProgress[header[c]]));
        Assert.Equal("99", inProgress[header["Q1_1"]]);
        Assert.Equal("", inProgress[header["completed_at"]]);
        Assert.DoesNotContain(rows.Skip(1), r => r[header["respondent_id"]] is "1" or "2");
    }
}
