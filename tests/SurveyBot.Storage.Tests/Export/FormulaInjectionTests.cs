using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using SurveyBot.Export;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Export;

public sealed class FormulaInjectionTests
{
    public static TheoryData<string> HostileTexts() => ["=HYPERLINK(\"http://evil.example\",\"클릭\")", "+1+2", "-2+3", "@SUM(A1:A9)", "\t=1+2"];

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task Hostile_other_specify_text_is_neutralised_in_csv_and_kept_as_plain_string_cells_in_xlsx(string hostile)
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string> { ["DQ5"] = "13", ["DQ5_other"] = hostile }, seed: 7);
        // The engine trims typed text (a leading tab never reaches storage that way): store the raw
        // text directly, so the exporters are tested on exactly the hostile value.
        await using (var db = database.Open())
            await db.Answers.Where(a => a.Code == "DQ5_other").ExecuteUpdateAsync(s => s.SetProperty(a => a.Value, hostile));
        Assert.Equal(hostile, database.AnswersOf(InterviewDriver.Channel, 1)["DQ5_other"]);
        var exporter = new ResultExporter(database.Factory, ShippedFlows.Citizen.Definition);

        using var csv = new MemoryStream();
        await exporter.WriteAsync(ExportFormat.Csv, csv);
        var text = Encoding.UTF8.GetString(csv.ToArray());
        Assert.Contains("'" + hostile.Split('"')[0], text);
        Assert.DoesNotContain("," + hostile.Split('"')[0], text);

        using var xlsx = new MemoryStream();
        await exporter.WriteAsync(ExportFormat.Xlsx, xlsx);
        xlsx.Position = 0;
        var rows = xlsx.Query(useHeaderRow: true, sheetName: XlsxExporter.DataSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Single(rows);
        Assert.Equal(hostile, rows[0]["DQ5_other"]);
        xlsx.Position = 0;
        var labelled = xlsx.Query(useHeaderRow: true, sheetName: XlsxExporter.LabelledSheet).Cast<IDictionary<string, object>>().Single();
        Assert.Equal(hostile, labelled["DQ5_other"]);
        // A string cell never runs: the workbook holds no formula element anywhere.
        Assert.DoesNotContain(XlsxXml.Sheets(xlsx.ToArray()), sheet => sheet.Contains("<x:f>", StringComparison.Ordinal) || sheet.Contains("<f>", StringComparison.Ordinal));
    }
}
