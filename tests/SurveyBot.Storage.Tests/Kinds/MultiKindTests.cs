using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Export;
using SurveyBot.Results;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Kinds;

/// <summary>
/// The select-multiple kind end to end on the test flow Fixtures/flows/transport.yaml: typed in the terminal, stored
/// as one 0/1 column per option and the order shown, routed on, exported in every format (PSPP reads it back) and charted.
/// </summary>
public sealed class MultiKindTests : IClassFixture<MultiKindTests.Fieldwork>
{
    private readonly Fieldwork _fieldwork;

    public MultiKindTests(Fieldwork fieldwork) => _fieldwork = fieldwork;

    /// <summary>Three completed interviews: 버스+자가용 (then 30분 이상, no service), 지하철 (30분 미만, 공유 자전거+자율주행 셔틀), 자가용 alone (no T2).</summary>
    public sealed class Fieldwork : IDisposable
    {
        public TestDatabase Database { get; } = new();

        public Fieldwork()
        {
            var driver = new InterviewDriver(Database, KindFlows.Catalog, new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero)));
            foreach (var (chat, inputs) in new[] { (1L, new[] { "1,3", "2", "완료" }), (2L, ["2", "1", "1,3"]), (3L, ["자가용", "완료"]) })
            {
                driver.StartAsync(chat, "transport").GetAwaiter().GetResult();
                foreach (var input in inputs) Assert.True(driver.TypeAsync(chat, input).GetAwaiter().GetResult().Outcome.Accepted, $"chat {chat}: {input}");
            }
        }

        public void Dispose() => Database.Dispose();
    }

    [Fact]
    public async Task Typed_numbers_are_checked_politely_and_stored_as_one_zero_or_one_column_per_option_with_the_order_shown()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, KindFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        var turn = await driver.StartAsync(7, "transport");
        Assert.Equal("T1", turn.Current.StepId);
        Assert.Contains("쉼표로 구분해 입력해 주세요 (예: 1,3). 1~3개", turn.Current.Text);
        var before = database.Snapshot();

        foreach (var (typed, notice) in new[] { ("9", "보기에 없는 답입니다"), ("1,2,3,4", "3개까지만 고를 수 있습니다"), ("", "1개 이상 골라 주세요"), ("완료", "1개 이상 골라 주세요") })
        {
            turn = await driver.TypeAsync(7, typed);
            Assert.False(turn.Outcome.Accepted, typed);
            Assert.Contains(notice, turn.Outcome.Notice);
            Assert.Equal(before, database.Snapshot());
        }

        turn = await driver.TypeAsync(7, "3, 1");
        Assert.Equal("T2", turn.Current.StepId);
        var answers = database.AnswersOf(InterviewDriver.Channel, 7);
        Assert.Equal(["1", "0", "1", "0", "0"], new[] { "T1_1", "T1_2", "T1_3", "T1_4", "T1_5" }.Select(c => answers[c]));
        Assert.Equal("1,2,3,4,5", answers["T1_order"]);

        turn = await driver.TypeAsync(7, "2");
        Assert.Equal("T3", turn.Current.StepId);
        turn = await driver.TypeAsync(7, "완료");
        Assert.True(turn.Current.IsFinal);
        answers = database.AnswersOf(InterviewDriver.Channel, 7);
        Assert.Equal(["0", "0", "0"], new[] { "T3_1", "T3_2", "T3_3" }.Select(c => answers[c]));
        Assert.DoesNotContain("T3_order", answers.Keys);
    }

    [Fact]
    public async Task A_condition_on_an_option_column_routes_and_back_erases_every_column_the_answer_set()
    {
        using var database = new TestDatabase();
        var driver = new InterviewDriver(database, KindFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        await driver.StartAsync(8, "transport");
        var turn = await driver.TypeAsync(8, "자가용");
        Assert.Equal("T3", turn.Current.StepId);

        turn = await driver.SendAsync(8, InterviewInput.Back());
        Assert.Equal("T1", turn.Current.StepId);
        var answers = database.AnswersOf(InterviewDriver.Channel, 8);
        Assert.DoesNotContain(answers.Keys, c => c.StartsWith("T1_", StringComparison.Ordinal) && c != "T1_order");
        Assert.Equal("1,2,3,4,5", answers["T1_order"]);
    }

    [Fact]
    public void The_kind_checks_its_min_and_max_against_its_options_with_the_line()
    {
        const string yaml = """
            spec: 1
            id: broken
            version: 1
            title: Broken
            questions:
              - code: M
                kind: multi
                text: 모두 골라 주세요
                min: 3
                max: 2
                picks: 2
                options:
                  - {code: 1, label: 하나}
                  - {code: 2, label: 둘}
            """;
        var (flow, parseErrors) = FlowLoader.Parse(yaml, "flows/broken.yaml");
        Assert.Contains("flows/broken.yaml:11: M: 'picks' does not apply to a multi question", parseErrors.Select(e => e.ToString()));
        var (fixedFlow, _) = FlowLoader.Parse(yaml.Replace("    picks: 2\n", ""), "flows/broken.yaml");
        Assert.Null(flow);
        Assert.Contains("flows/broken.yaml:6: M: min and max must satisfy 0 <= min <= max <= the number of options (2), max at least 1",
            FlowValidator.Validate(fixedFlow!).Select(e => e.ToString()));
    }

    [Fact]
    public async Task Csv_and_xlsx_carry_the_option_columns_with_their_labels()
    {
        var exporter = new ResultExporter(_fieldwork.Database.Factory, KindFlows.Transport.Definition);
        string[] columns = ["T1_1", "T1_2", "T1_3", "T1_4", "T1_5", "T1_order", "T2", "T3_1", "T3_2", "T3_3"];
        Assert.Equal(columns, exporter.Table.Columns.Where(c => c.StartsWith('T')));

        using var csv = new MemoryStream();
        await exporter.WriteAsync(ExportFormat.Csv, csv);
        var lines = CsvText.Parse(System.Text.Encoding.UTF8.GetString(csv.ToArray()));
        var at = columns.Select(c => lines[0].IndexOf(c)).ToArray();
        Assert.Equal(["1", "0", "1", "0", "0", "1,2,3,4,5", "2", "0", "0", "0"], at.Select(i => lines[1][i]));
        Assert.Equal(["0", "1", "0", "0", "0", "2,3,4,5,1", "1", "1", "0", "1"], at.Select(i => lines[2][i]));
        Assert.Equal(["0", "0", "1", "0", "0", "3,4,5,1,2", "", "0", "0", "0"], at.Select(i => lines[3][i]));

        using var xlsx = new MemoryStream();
        await exporter.WriteAsync(ExportFormat.Xlsx, xlsx);
        xlsx.Position = 0;
        var labelled = xlsx.Query(useHeaderRow: true, sheetName: XlsxExporter.LabelledSheet).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(["선택", "선택 안 함", "선택"], labelled.Select(r => r["T1_3"]?.ToString()));
        xlsx.Position = 0;
        var codebook = xlsx.Query(useHeaderRow: true, sheetName: XlsxExporter.CodebookSheet).Cast<IDictionary<string, object>>().ToList();
        var bus = codebook.Single(r => (string)r["column"] == "T1_1");
        Assert.Equal("multi", bus["kind"]);
        Assert.Contains("버스", bus["label"]?.ToString());
    }

    [Fact]
    public async Task Pspp_reads_the_sav_and_the_sps_with_the_option_columns_labelled_and_nominal()
    {
        var folder = Path.Combine(_fieldwork.Database.Folder, "spss");
        var exporter = new ResultExporter(_fieldwork.Database.Factory, KindFlows.Transport.Definition);
        await exporter.WriteFileAsync(ExportFormat.Sav, Path.Combine(folder, "transport.sav"));
        await exporter.WriteFileAsync(ExportFormat.Sps, Path.Combine(folder, "transport.sps"));
        foreach (var load in new[] { "GET FILE='transport.sav'.", "INSERT FILE='transport.sps'." })
        {
            var output = await Pspp.RunAsync(folder, $"""
                {load}
                DISPLAY DICTIONARY /VARIABLES=T1_1 T1_order.
                FREQUENCIES /VARIABLES=T1_3.
                SAVE TRANSLATE /OUTFILE='roundtrip.csv' /TYPE=CSV /REPLACE /FIELDNAMES /CELLS=VALUES.
                """);
            Assert.True(output.Contains("- 버스", StringComparison.Ordinal), output);
            Assert.Matches(@"선택\s*\|\s*2\s*\|", output);
            Assert.Matches(@"선택 안 함\s*\|\s*1\s*\|", output);
            Assert.Matches(@"T1_1[^\n]*Nominal", output);

            var expected = await exporter.Table.RowsAsync().ToListAsync();
            var read = CsvText.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "roundtrip.csv")));
            Assert.Equal(exporter.Table.Columns, read[0]);
            foreach (var column in new[] { "T1_1", "T1_3", "T1_order", "T2", "T3_3" })
            {
                var c = read[0].IndexOf(column);
                for (var r = 0; r < expected.Count; r++)
                {
                    var want = expected[r][c] ?? "";
                    var got = read[r + 1][c].Trim().Trim('\'');
                    Assert.True(want == got || (double.TryParse(want, CultureInfo.InvariantCulture, out var n) && double.TryParse(got, CultureInfo.InvariantCulture, out var m) && n == m),
                        $"{load} row {r + 1} {column}: stored '{want}', PSPP read '{got}'");
                }
            }
        }
    }

    [Fact]
    public async Task The_codebook_says_how_the_question_is_answered_and_labels_every_option_column()
    {
        var exporter = new ResultExporter(_fieldwork.Database.Factory, KindFlows.Transport.Definition);
        using var stream = new MemoryStream();
        await exporter.WriteAsync(ExportFormat.Codebook, stream);
        var codebook = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("### T1 (multi)", codebook);
        Assert.Contains("- Any 1 to 3 of the options: one column per option, 1 = picked, 0 = not picked", codebook);
        Assert.Contains("- Any 0 to 3 of the options", codebook);
        Assert.Contains("- Options rotated (cyclic); the order shown is stored in `T1_order`", codebook);
        Assert.Contains("| `T1_4` | T1_4 | number | 문1) 평소 출퇴근에 이용하시는 교통수단을 모두 골라 주십시오. - 자전거 | 0 = 선택 안 함, 1 = 선택 |", codebook);
    }

    [Fact]
    public async Task The_chart_draws_a_bar_per_option_of_the_share_picking_it()
    {
        var renderer = new ChartRenderer(_fieldwork.Database.Factory, KindFlows.Transport.Definition);
        Assert.Equal(["T1", "T2", "T3", ChartRenderer.DropoutCode], renderer.ChartableCodes());
        var png = await renderer.RenderPngAsync("T1");
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.True(png.Length > 5_000, $"{png.Length} bytes");
    }
}
