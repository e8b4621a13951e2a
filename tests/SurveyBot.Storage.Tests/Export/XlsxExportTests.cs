using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using SurveyBot.Export;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Export;

public sealed class XlsxExportTests
{
    [Fact]
    public async Task The_workbook_has_codes_as_numbers_labels_in_the_labelled_sheet_and_a_codebook()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string> { ["SQ1"] = "3", ["SQ2"] = "1", ["SQ3"] = "34", ["Q1_1"] = "99" }, seed: 3);
        var exporter = new ResultExporter(database.Factory, ShippedFlows.Citizen.Definition);
        using var xlsx = new MemoryStream();
        await exporter.WriteAsync(ExportFormat.Xlsx, xlsx);

        xlsx.Position = 0;
        Assert.Equal([XlsxExporter.DataSheet, XlsxExporter.LabelledSheet, XlsxExporter.CodebookSheet], xlsx.GetSheetNames());
        xlsx.Position = 0;
        var header = ((IDictionary<string, object>)xlsx.Query(sheetName: XlsxExporter.DataSheet).First()).Values.Select(v => v?.ToString() ?? "").ToList();
        Assert.Equal(exporter.Table.Columns, header);

        xlsx.Position = 0;
        var data = xlsx.Query(useHeaderRow: true, sheetName: XlsxExporter.DataSheet).Cast<IDictionary<string, object>>().Single();
        Assert.Equal(1d, Convert.ToDouble(data["SQ2"]));
        Assert.IsNotType<string>(data["SQ2"]);
        Assert.Equal(34d, Convert.ToDouble(data["SQ3"]));
        Assert.Equal(99d, Convert.ToDouble(data["Q1_1"]));
        Assert.Equal("completed", data["status"]);

        xlsx.Position = 0;
        var labelled = xlsx.Query(useHeaderRow: true, sheetName: XlsxExporter.LabelledSheet).Cast<IDictionary<string, object>>().Single();
        Assert.Equal("남성", labelled["SQ2"]);
        Assert.Equal("용산구", labelled["SQ1"]);
        Assert.Equal("30-39세", labelled["SQ4"]);
        Assert.Equal("비해당", labelled["Q1_1"]);
        Assert.Equal(34d, Convert.ToDouble(labelled["SQ3"]));

        xlsx.Position = 0;
        var codebook = xlsx.Query(useHeaderRow: true, sheetName: XlsxExporter.CodebookSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(exporter.Table.Columns, codebook.Select(r => r["column"]?.ToString() ?? ""));
        var q11 = codebook.Single(r => (string)r["column"] == "Q1_1");
        Assert.Equal("99 = 비해당", q11["missing"]);
        Assert.Equal("SQ1 = 26", codebook.Single(r => (string)r["column"] == "SQ1")["screen_out_if"]);
    }

    [Fact]
    public async Task An_empty_database_still_exports_the_header_row()
    {
        using var database = new TestDatabase();
        var exporter = new ResultExporter(database.Factory, ShippedFlows.Citizen.Definition);
        using var xlsx = new MemoryStream();
        await exporter.WriteAsync(ExportFormat.Xlsx, xlsx);
        xlsx.Position = 0;
        var rows = xlsx.Query(sheetName: XlsxExporter.DataSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Single(rows);
        Assert.Equal(exporter.Table.Columns, rows[0].Values.Select(v => v?.ToString() ?? ""));
    }
}
