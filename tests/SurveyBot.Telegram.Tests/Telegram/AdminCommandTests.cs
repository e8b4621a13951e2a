using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using SurveyBot.Conversation;
using SurveyBot.Export;
using SurveyBot.FakeBotApi;
using SurveyBot.Telegram.Tests.Support;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Telegram;

/// <summary>
/// Admin commands in Telegram (/export, /stats, /chart) against the loopback Bot API and a real SQLite
/// file: what an admin receives is checked against what is stored, and anyone else gets the refusal only.
/// </summary>
public sealed class AdminCommandTests : IAsyncLifetime
{
    private const long Admin = 61001;
    private const long Stranger = 61002;
    private TelegramHarness _bot = null!;

    private FakeBotApiServer Server => _bot.Server;

    public async Task InitializeAsync() =>
        _bot = await TelegramHarness.StartAsync(new Dictionary<string, string?> { ["Access:Admins:0"] = Admin.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    /// <summary>Three completed citizen interviews (men 2, women 1) and one screened out at SQ1.</summary>
    private async Task SeedAsync()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var driver = new InterviewDriver(_bot.Database, ShippedFlows.Catalog, clock);
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string> { ["SQ2"] = "1", ["SQ3"] = "25" }, 1, TimeSpan.FromSeconds(5), clock);
        await CitizenInterviews.RunAsync(driver, 2, new Dictionary<string, string> { ["SQ2"] = "2", ["SQ3"] = "45", ["DQ5"] = "13", ["DQ5_other"] = "도시 계획, \"연구\"" }, 2, TimeSpan.FromSeconds(10), clock);
        await CitizenInterviews.RunAsync(driver, 3, new Dictionary<string, string> { ["SQ2"] = "1", ["SQ3"] = "35" }, 3, TimeSpan.FromSeconds(20), clock);
        await CitizenInterviews.RunAsync(driver, 4, new Dictionary<string, string> { ["SQ1"] = "26" }, 4);
    }

    private Task<BotMessage> ReplyAsync(long chat, Func<BotMessage, bool> predicate) => Server.WaitForMessageAsync(chat, predicate, TelegramHarness.Wait);

    /// <summary>/help is answered after everything sent before it in the chat: afterwards nothing else is on its way.</summary>
    private async Task AllHandledAsync(long chat)
    {
        var count = Server.Messages(chat).Count;
        Server.SendText(chat, "/help");
        await ReplyAsync(chat, m => m.MessageId > (count == 0 ? 0 : Server.Messages(chat)[count - 1].MessageId) && m.Text.StartsWith("설문 조사 봇입니다.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_admins_export_csv_is_a_document_whose_rows_are_the_stored_answers()
    {
        await SeedAsync();
        Server.SendText(Admin, "/export csv");

        var document = await ReplyAsync(Admin, m => m.Kind == "document");
        Assert.EndsWith(".csv", document.FileName);
        Assert.Contains("CSV", document.Caption);
        Assert.Contains(Server.Messages(Admin), m => m.Text.Contains("결과 파일(CSV)을 만들고 있습니다", StringComparison.Ordinal));
        var rows = CsvText.Parse(document.FileBytes!);
        var header = rows[0];
        Assert.Equal(new ResultTable(_bot.Database.Factory, ShippedFlows.Citizen.Definition).Columns, header);

        await using var db = _bot.Database.Open();
        var respondents = await db.Respondents.AsNoTracking().ToDictionaryAsync(r => r.PublicId);
        var answers = (await db.Answers.AsNoTracking().ToListAsync()).ToLookup(a => a.RespondentId);
        Assert.Equal(respondents.Count, rows.Count - 1);
        Assert.Equal(3, rows.Skip(1).Count(r => r[1] == "completed"));
        foreach (var row in rows.Skip(1))
        {
            var stored = respondents[row[0]];
            Assert.Equal(stored.Status, row[1]);
            var exported = header.Select((column, i) => (column, value: row[i])).Skip(ResultTable.MetadataColumns.Length)
                .Take(ShippedFlows.Citizen.Definition.DataColumns.Count).Where(c => c.value.Length > 0).ToDictionary(c => c.column, c => c.value);
            Assert.Equal(answers[stored.Id].ToDictionary(a => a.Code, a => a.Value), exported);
        }
        Assert.Contains(rows, r => r.Contains("도시 계획, \"연구\""));
    }

    [Fact]
    public async Task A_document_upload_that_fails_is_sent_again_whole()
    {
        await SeedAsync();
        Server.FailNext("sendDocument", 2, 502);
        Server.SendText(Admin, "/export csv");

        var document = await ReplyAsync(Admin, m => m.Kind == "document");
        Assert.Equal(3, Server.CallCount("sendDocument"));
        using var expected = new MemoryStream();
        await new ResultExporter(_bot.Database.Factory, ShippedFlows.Citizen.Definition).WriteAsync(ExportFormat.Csv, expected);
        Assert.Equal(expected.ToArray(), document.FileBytes);
    }

    [Fact]
    public async Task Xlsx_spss_and_codebook_exports_are_sent_as_files_that_read_back()
    {
        await SeedAsync();
        Server.SendText(Admin, "/export xlsx");
        var xlsx = await ReplyAsync(Admin, m => m.FileName?.EndsWith(".xlsx", StringComparison.Ordinal) == true);
        using (var workbook = new MemoryStream(xlsx.FileBytes!))
        {
            var sheet = MiniExcel.Query(workbook, sheetName: XlsxExporter.DataSheet).Cast<IDictionary<string, object?>>().ToList();
            // The header is the first row, then one row per respondent.
            Assert.Equal(5, sheet.Count);
            Assert.Equal("respondent_id", sheet[0].Values.First());
            Assert.Equal(3, sheet.Skip(1).Count(r => r.Values.ElementAt(1) as string == "completed"));
        }

        Server.SendText(Admin, "/export spss");
        var csv = await ReplyAsync(Admin, m => m.Kind == "document" && m.FileName?.EndsWith(".csv", StringComparison.Ordinal) == true);
        var documents = Server.Messages(Admin).Where(m => m.Kind == "document").ToList();
        var sav = documents.Single(m => m.FileName!.EndsWith(".sav", StringComparison.Ordinal));
        var sps = documents.Single(m => m.FileName!.EndsWith(".sps", StringComparison.Ordinal));
        Assert.Equal("$FL2"u8.ToArray(), sav.FileBytes![..4]);
        // The syntax reads the CSV sent beside it, by the name it was sent under.
        Assert.Contains(csv.FileName!, System.Text.Encoding.UTF8.GetString(sps.FileBytes!));
        Assert.Contains(csv.FileName!, sps.Caption);
        Assert.True(sav.MessageId < sps.MessageId && sps.MessageId < csv.MessageId);
        Assert.Equal(5, CsvText.Parse(csv.FileBytes!).Count);

        Server.SendText(Admin, "/export codebook");
        var codebook = await ReplyAsync(Admin, m => m.FileName?.EndsWith(".md", StringComparison.Ordinal) == true);
        var markdown = System.Text.Encoding.UTF8.GetString(codebook.FileBytes!);
        Assert.StartsWith("# " + ShippedFlows.Citizen.Definition.Title, markdown);
        Assert.Contains("### SQ1", markdown);
    }

    [Fact]
    public async Task An_admin_gets_the_case_and_paradata_files_as_documents()
    {
        await SeedAsync();
        Server.SendText(Admin, "/export cases");
        var cases = await ReplyAsync(Admin, m => m.FileName?.EndsWith("-cases.csv", StringComparison.Ordinal) == true);
        var caseRows = CsvText.Parse(cases.FileBytes!);
        Assert.Equal(CasesExporter.Columns, caseRows[0]);
        Assert.Equal(4, caseRows.Count - 1);
        Assert.Equal(3, caseRows.Skip(1).Count(r => r[3] == "1.1"));

        Server.SendText(Admin, "/export paradata");
        var paradata = await ReplyAsync(Admin, m => m.FileName?.EndsWith("-paradata.csv", StringComparison.Ordinal) == true);
        var rows = CsvText.Parse(paradata.FileBytes!);
        Assert.Equal(ParadataExporter.Columns, rows[0]);
        Assert.Contains(rows, r => r[1] == "SQ1");
    }

    [Fact]
    public async Task Stats_tell_the_admin_the_counts_by_status_screen_outs_and_breakdowns()
    {
        await SeedAsync();
        Server.SendText(Admin, "/stats");
        var stats = await ReplyAsync(Admin, m => m.Text.Contains("조사 현황", StringComparison.Ordinal));
        Assert.Contains("시작: 4명", stats.Text);
        Assert.Contains("- 완료: 3명 (75.0%)", stats.Text);
        Assert.Contains("- 조사 중단 (비적격): 1명 (25.0%)", stats.Text);
        Assert.Contains("완료율 (완료/시작): 75.0%", stats.Text);
        Assert.Contains("- SQ1 (SQ1 = 26): 1명", stats.Text);
        Assert.Contains("- 남성: 2명 (66.7%)", stats.Text);
        Assert.Contains("- 여성: 1명 (33.3%)", stats.Text);
        Assert.Contains("응답 시간 중앙값 (완료): ", stats.Text);
        // The outcome rates come in the same message or the next ones: 3 completes, 1 screened out (e = 3/4).
        var rates = await ReplyAsync(Admin, m => m.Text.Contains("\nRR1 ", StringComparison.Ordinal));
        Assert.Contains("\nRR1 1.000\n", rates.Text);
        Assert.Contains("e = 0.750", rates.Text);
    }

    [Fact]
    public async Task The_dropout_funnel_is_sent_as_a_photo()
    {
        await SeedAsync();
        Server.SendText(Admin, "/chart dropout");
        var photo = await ReplyAsync(Admin, m => m.Kind == "photo");
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], photo.FileBytes![..4]);
        Assert.Contains("dropout", photo.Caption);
    }

    [Fact]
    public async Task A_chart_is_sent_as_a_png_photo_and_an_unknown_code_gets_a_polite_answer()
    {
        await SeedAsync();
        Server.SendText(Admin, "/chart q5");
        var photo = await ReplyAsync(Admin, m => m.Kind == "photo");
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, photo.FileBytes![..8]);
        Assert.True(photo.FileBytes.Length > 10_000, $"{photo.FileBytes.Length} bytes");
        Assert.Contains("Q5", photo.Caption);

        Server.SendText(Admin, "/chart ZZ9");
        var refusal = await ReplyAsync(Admin, m => m.Text.Contains("'ZZ9' 문항의 그래프는 그릴 수 없습니다", StringComparison.Ordinal));
        Assert.Contains("Q5", refusal.Text);
        await AllHandledAsync(Admin);
        Assert.Single(Server.Messages(Admin), m => m.Kind == "photo");
    }

    [Fact]
    public async Task Wrong_arguments_get_the_usage_and_no_file()
    {
        Server.SendText(Admin, "/export pdf");
        await ReplyAsync(Admin, m => m.Text.StartsWith("사용법: /export csv|xlsx|spss|codebook", StringComparison.Ordinal));
        Server.SendText(Admin, "/export csv nosuchflow");
        await ReplyAsync(Admin, m => m.Text.Contains("'nosuchflow' 설문을 찾을 수 없습니다", StringComparison.Ordinal));
        Server.SendText(Admin, "/chart");
        await ReplyAsync(Admin, m => m.Text.StartsWith("사용법: /chart", StringComparison.Ordinal));
        Server.SendText(Admin, "/stats citizen extra");
        await ReplyAsync(Admin, m => m.Text.StartsWith("사용법: /stats", StringComparison.Ordinal));
        await AllHandledAsync(Admin);
        Assert.DoesNotContain(Server.Messages(Admin), m => m.Kind is "document" or "photo");
        await using var db = _bot.Database.Open();
        Assert.DoesNotContain(await db.Outbox.Select(o => o.PayloadJson).ToListAsync(), p => p.Contains("Report", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Anyone_not_an_admin_gets_the_refusal_for_each_admin_command_and_no_file()
    {
        await SeedAsync();
        foreach (var command in new[] { "/export csv", "/export spss", "/stats", "/chart Q5" })
        {
            var count = Server.Messages(Stranger).Count;
            Server.SendText(Stranger, command);
            await Server.WaitUntilAsync(() => Server.Messages(Stranger).Count > count, TelegramHarness.Wait, Stranger);
            Assert.Equal(ConversationReplies.Korean.AdminsOnly, Server.Messages(Stranger)[count].Text);
        }
        await AllHandledAsync(Stranger);
        var messages = Server.Messages(Stranger);
        Assert.Equal(5, messages.Count);
        Assert.DoesNotContain(messages, m => m.Kind is "document" or "photo" || m.Text.Contains("조사 현황", StringComparison.Ordinal));
        Assert.DoesNotContain("/export", messages[^1].Text);

        // The admin's own /help lists the admin commands.
        Server.SendText(Admin, "/help");
        await ReplyAsync(Admin, m => m.Text.Contains("/export csv|xlsx|spss|codebook|cases|paradata", StringComparison.Ordinal));
        Assert.DoesNotContain(Server.Commands, c => c.Command is "export" or "stats" or "chart");
        Assert.Contains(Server.Commands, c => c.Command == "delete");
    }
}
