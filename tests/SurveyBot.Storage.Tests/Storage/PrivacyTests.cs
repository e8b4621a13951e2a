using System.Text;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Export;
using SurveyBot.Storage;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Storage;

public sealed class PrivacyTests
{
    [Fact]
    public async Task An_erased_respondent_has_no_row_in_later_exports_and_the_others_keep_theirs()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await CitizenInterviews.RunAsync(driver, 111, new Dictionary<string, string>(), seed: 1);
        await CitizenInterviews.RunAsync(driver, 222, new Dictionary<string, string> { ["DQ5"] = "13", ["DQ5_other"] = "지울 응답" }, seed: 2);
        await CitizenInterviews.RunAsync(driver, 333, new Dictionary<string, string>(), seed: 3);
        string erasedId;
        await using (var db = database.Open()) erasedId = db.Respondents.Single(r => r.ChatId == 222).PublicId;

        await using (var db = database.Open())
            Assert.Equal(1, await new RespondentEraser(db).EraseChatAsync(InterviewDriver.Channel, 222));

        await using (var db = database.Open())
        {
            Assert.DoesNotContain(db.Respondents, r => r.ChatId == 222);
            Assert.Equal(2, db.Respondents.Count());
            Assert.Equal(db.Answers.Select(a => a.RespondentId).Distinct().Count(), db.Respondents.Count());
        }
        var exporter = new ResultExporter(database.Factory, ShippedFlows.Citizen.Definition);
        using var csv = new MemoryStream();
        await exporter.WriteAsync(ExportFormat.Csv, csv);
        var text = Encoding.UTF8.GetString(csv.ToArray());
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(erasedId, text);
        Assert.DoesNotContain("지울 응답", text);

        await using (var db = database.Open())
            Assert.Equal(0, await new RespondentEraser(db).ErasePublicIdAsync(erasedId));
    }

    [Fact]
    public async Task No_export_column_carries_the_chat_id()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        const long chatId = 987654321;
        await CitizenInterviews.RunAsync(driver, chatId, new Dictionary<string, string>(), seed: 5);
        var exporter = new ResultExporter(database.Factory, ShippedFlows.Citizen.Definition);
        Assert.DoesNotContain(exporter.Table.Columns, c => c.Contains("chat", StringComparison.OrdinalIgnoreCase) || c.Contains("user", StringComparison.OrdinalIgnoreCase));
        foreach (var format in new[] { ExportFormat.Csv, ExportFormat.Sav, ExportFormat.Xlsx })
        {
            using var file = new MemoryStream();
            await exporter.WriteAsync(format, file);
            if (format == ExportFormat.Xlsx)
            {
                file.Position = 0;
                var cells = MiniExcelLibs.MiniExcel.Query(file, sheetName: XlsxExporter.DataSheet).Cast<IDictionary<string, object>>().SelectMany(r => r.Values);
                Assert.DoesNotContain(cells, v => v?.ToString()?.Contains("987654321") == true || (v is double d && d == chatId));
            }
            else
            {
                Assert.DoesNotContain("987654321", Encoding.UTF8.GetString(file.ToArray()));
                Assert.DoesNotContain(BitConverter.GetBytes((double)chatId), [file.ToArray()], new SubsequenceComparer());
            }
        }
    }

    /// <summary>Treats "contains" as "holds this byte sequence somewhere".</summary>
    private sealed class SubsequenceComparer : IEqualityComparer<byte[]>
    {
        public bool Equals(byte[]? needle, byte[]? haystack) => needle is not null && haystack is not null && haystack.AsSpan().IndexOf(needle) >= 0;

        public int GetHashCode(byte[] obj) => 0;
    }
}
