using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Export;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Export;

/// <summary>Reads the .sav and the .sps + .csv exports back with GNU PSPP and compares them with the stored answers.</summary>
public sealed class SpssExportTests : IClassFixture<SpssExportTests.Fieldwork>
{
    private const string OtherText = "공유 오피스 '운영' 대표, 1인 창업";
    /// <summary>Over 255 bytes in UTF-8: stored in the .sav as a very long string (segments).</summary>
    private static readonly string LongText = string.Concat(Enumerable.Repeat("스마트도시 관련 자영업 ", 30)) + "끝";

    private readonly Fieldwork _fieldwork;

    public SpssExportTests(Fieldwork fieldwork) => _fieldwork = fieldwork;

    /// <summary>Five citizens: three completed (two with 비해당 99, two with Korean 기타 texts, one very long), one screened out, one in progress.</summary>
    public sealed class Fieldwork : IDisposable
    {
        public TestDatabase Database { get; } = new();

        public Fieldwork()
        {
            var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
            var driver = new InterviewDriver(Database, ShippedFlows.Catalog, clock);
            var step = TimeSpan.FromSeconds(7);
            CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string> { ["SQ1"] = "3", ["SQ2"] = "1", ["SQ3"] = "34", ["Q1_1"] = "99", ["DQ5"] = "13", ["DQ5_other"] = OtherText }, 1, step, clock).GetAwaiter().GetResult();
            CitizenInterviews.RunAsync(driver, 2, new Dictionary<string, string> { ["SQ1"] = "3", ["SQ2"] = "2", ["Q1_1"] = "99", ["DQ5"] = "10" }, 2, step, clock).GetAwaiter().GetResult();
            CitizenInterviews.RunAsync(driver, 3, new Dictionary<string, string> { ["SQ1"] = "14", ["SQ2"] = "1", ["Q1_1"] = "5", ["DQ5"] = "13", ["DQ5_other"] = LongText }, 3, step, clock).GetAwaiter().GetResult();
            CitizenInterviews.RunAsync(driver, 4, new Dictionary<string, string> { ["SQ1"] = "26" }, 4).GetAwaiter().GetResult();
            driver.StartAsync(5, "citizen").GetAwaiter().GetResult();
            foreach (var input in new[] { "", "7", "2" }) driver.TypeAsync(5, input).GetAwaiter().GetResult();
        }

        public void Dispose() => Database.Dispose();
    }

    [Fact]
    public async Task Pspp_reads_the_sav_file_with_every_row_label_and_missing_value()
    {
        var folder = _fieldwork.Database.Folder;
        var exporter = new ResultExporter(_fieldwork.Database.Factory, ShippedFlows.Citizen.Definition);
        await exporter.WriteFileAsync(ExportFormat.Sav, Path.Combine(folder, "citizen.sav"));

        var output = await Pspp.RunAsync(folder, """
            GET FILE='citizen.sav'.
            DISPLAY DICTIONARY.
            FREQUENCIES /VARIABLES=SQ2 Q1_1 DQ5.
            SAVE TRANSLATE /OUTFILE='roundtrip-sav.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=VALUES.
            """);

        await AssertMatchesDatabase(Path.Combine(folder, "roundtrip-sav.csv"), apostrophes: false);
        AssertLabelsAndMissing(output);
    }

    [Fact]
    public async Task Pspp_runs_the_sps_syntax_on_its_csv_with_every_row_label_and_missing_value()
    {
        var folder = Path.Combine(_fieldwork.Database.Folder, "sps");
        var exporter = new ResultExporter(_fieldwork.Database.Factory, ShippedFlows.Citizen.Definition);
        var written = await exporter.WriteFileAsync(ExportFormat.Sps, Path.Combine(folder, "citizen.sps"));
        Assert.Equal([Path.Combine(folder, "citizen.sps"), Path.Combine(folder, "citizen.csv")], written);
        var syntax = await File.ReadAllTextAsync(written[0]);
        Assert.Contains("/ENCODING='UTF8'", syntax);
        Assert.Contains("MISSING VALUES Q1_1 Q1_2 Q1_3 Q1_4 Q1_5 Q1_6 Q1_7 Q1_8 (99).", syntax);

        var output = await Pspp.RunAsync(folder, """
            INSERT FILE='citizen.sps'.
            DISPLAY DICTIONARY.
            FREQUENCIES /VARIABLES=SQ2 Q1_1 DQ5.
            SAVE TRANSLATE /OUTFILE='roundtrip-sps.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=VALUES.
            """);

        await AssertMatchesDatabase(Path.Combine(folder, "roundtrip-sps.csv"), apostrophes: true);
        AssertLabelsAndMissing(output);
    }

    /// <summary>Every row and cell PSPP read equals what the database stores (numbers compared as numbers).</summary>
    private async Task AssertMatchesDatabase(string roundTrip, bool apostrophes)
    {
        var table = new ResultTable(_fieldwork.Database.Factory, ShippedFlows.Citizen.Definition);
        var expected = await table.RowsAsync().ToListAsync();
        var lines = CsvText.Parse(await File.ReadAllTextAsync(roundTrip));
        Assert.Equal(table.Columns, lines[0]);
        Assert.Equal(5, lines.Count - 1);
        Assert.Equal(5, expected.Count);
        for (var r = 0; r < expected.Count; r++)
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var want = apostrophes ? ExportCell.Neutralise(expected[r][c]) ?? "" : expected[r][c] ?? "";
                var got = lines[r + 1][c].Trim();
                if (double.TryParse(want, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    Assert.True(double.TryParse(got, NumberStyles.Float, CultureInfo.InvariantCulture, out var read) && read == number, $"row {r + 1} {table.Columns[c]}: stored {want}, PSPP read '{got}'");
                else
                    Assert.True(want == got, $"row {r + 1} {table.Columns[c]}: stored '{want}', PSPP read '{got}'");
            }
        Assert.Contains(lines, l => l.Contains(OtherText));
        Assert.Contains(lines, l => l.Contains(LongText));
    }

    private void AssertLabelsAndMissing(string output)
    {
        // Frequencies of SQ2 among all five: the in-progress interview answered it, the screened-out one did not.
        using var db = _fieldwork.Database.Open();
        var stored = db.Answers.Where(a => a.Code == "SQ2").AsEnumerable().GroupBy(a => a.Value).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, stored.Values.Sum());
        Assert.Matches($@"남성\s*\|\s*{stored["1"]}\s*\|", output);
        Assert.Matches($@"여성\s*\|\s*{stored["2"]}\s*\|", output);
        var notApplicable = db.Answers.Count(a => a.Code == "Q1_1" && a.Value == "99");
        Assert.Equal(2, notApplicable);
        Assert.Matches($@"비해당\s*\|\s*{notApplicable}\s*\|", output);
        Assert.Matches(@"\|Q1_1\s*\|[^\n]*\|99\s*\|", output);
        Assert.Contains("기타 (자세히 :", output);
    }
}
