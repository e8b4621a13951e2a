using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using SurveyBot.Export;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Export;

/// <summary>What an analyst's software makes of the exports: measurement levels in SPSS, numbers that stay numbers, text without stray apostrophes.</summary>
public sealed class ExportFidelityTests
{
    [Fact]
    public async Task Pspp_sees_choices_as_nominal_scales_and_recodes_as_ordinal_and_typed_numbers_as_scale_in_sav_and_sps()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string> { ["SQ1"] = "1", ["SQ3"] = "30" }, seed: 3);
        var exporter = new ResultExporter(database.Factory, ShippedFlows.Citizen.Definition);
        await exporter.WriteFileAsync(ExportFormat.Sav, Path.Combine(database.Folder, "citizen.sav"));
        await exporter.WriteFileAsync(ExportFormat.Sps, Path.Combine(database.Folder, "citizen.sps"));

        foreach (var load in new[] { "GET FILE='citizen.sav'.", "INCLUDE FILE='citizen.sps'." })
        {
            var output = await Pspp.RunAsync(database.Folder, $"""
                {load}
                DISPLAY DICTIONARY /VARIABLES=SQ1 SQ2 SQ3 SQ4 Q1_1 Q5_1 Q12 DQ5 DQ5_other duration_s.
                """);
            Assert.Equal("Nominal", LevelOf(output, "SQ1"));
            Assert.Equal("Nominal", LevelOf(output, "SQ2"));
            Assert.Equal("Scale", LevelOf(output, "SQ3"));
            Assert.Equal("Ordinal", LevelOf(output, "SQ4"));
            Assert.Equal("Ordinal", LevelOf(output, "Q1_1"));
            Assert.Equal("Nominal", LevelOf(output, "Q5_1"));
            Assert.Equal("Ordinal", LevelOf(output, "Q12"));
            Assert.Equal("Nominal", LevelOf(output, "DQ5"));
            Assert.Equal("Nominal", LevelOf(output, "DQ5_other"));
            Assert.Equal("Scale", LevelOf(output, "duration_s"));
        }
    }

    [Fact]
    public async Task A_negative_number_stays_a_number_in_the_csv()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string> { ["SQ1"] = "1", ["SQ3"] = "30" }, seed: 3);
        // No shipped question takes a negative number; store one as a flow with such a range would.
        await using (var db = database.Open())
            await db.Answers.Where(a => a.Code == "SQ3").ExecuteUpdateAsync(s => s.SetProperty(a => a.Value, "-5"));

        using var csv = new MemoryStream();
        await new ResultExporter(database.Factory, ShippedFlows.Citizen.Definition).WriteAsync(ExportFormat.Csv, csv);
        var rows = CsvText.Parse(Encoding.UTF8.GetString(csv.ToArray()));
        var at = Array.IndexOf(rows[0], "SQ3");
        Assert.Equal("-5", rows[1][at]);
    }

    [Fact]
    public async Task Xlsx_text_has_no_literal_apostrophe()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string> { ["DQ5"] = "13", ["DQ5_other"] = "-자영업 (1인)" }, seed: 3);

        using var xlsx = new MemoryStream();
        await new ResultExporter(database.Factory, ShippedFlows.Citizen.Definition).WriteAsync(ExportFormat.Xlsx, xlsx);
        xlsx.Position = 0;
        var row = xlsx.Query(useHeaderRow: true, sheetName: XlsxExporter.DataSheet).Cast<IDictionary<string, object>>().Single();
        Assert.Equal("-자영업 (1인)", row["DQ5_other"]);
    }

    /// <summary>The measurement level PSPP prints for <paramref name="name"/> in DISPLAY DICTIONARY's variable table.</summary>
    private static string LevelOf(string output, string name)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.TrimStart('|', ' ').StartsWith(name, StringComparison.Ordinal) && l.TrimStart('|', ' ').Length > name.Length && l.TrimStart('|', ' ')[name.Length] is ' ' or '|' && (l.Contains("Nominal") || l.Contains("Ordinal") || l.Contains("Scale")))
            ?? throw new InvalidOperationException($"no dictionary line for {name}:\n{output}");
        return new[] { "Nominal", "Ordinal", "Scale" }.First(level => line.Contains(level, StringComparison.Ordinal));
    }
}
