using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Engine.Definition;
using SurveyBot.Export;
using SurveyBot.Results;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Outcomes;

/// <summary>
/// The quality flags of the wide export on three completed interviews with known timings and answers: a
/// speeder, a straightliner, a respondent who chose 비해당 throughout, one /back press and one planted gap.
/// </summary>
public sealed class QualityFlagTests
{
    private static readonly string[] Q1Items = [.. Enumerable.Range(1, 8).Select(i => $"Q1_{i}")];

    [Fact]
    public async Task Each_flag_is_set_in_the_wide_export_and_stats_count_the_completes_carrying_it()
    {
        using var database = new TestDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var driver = new InterviewDriver(database, ShippedFlows.Catalog, clock);
        var eligible = new Dictionary<string, string> { ["SQ1"] = "1", ["SQ3"] = "30" };
        // 1: every Q1 item 4 (straightlining), 1 s per answer: a tenth of the median, under 0.3 of it (speeder).
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string>(eligible).With(Q1Items, _ => "4"), 1, TimeSpan.FromSeconds(1), clock);
        // 2: every Q1 item 비해당 (not-applicable: not straightlining), 10 s per answer (the median).
        await CitizenInterviews.RunAsync(driver, 2, new Dictionary<string, string>(eligible).With(Q1Items, _ => "99"), 2, TimeSpan.FromSeconds(10), clock);
        // 3: Q1 items 1-7 and one 비해당, one /back press, 12 s per answer.
        await driver.StartAsync(3, "citizen");
        await driver.TypeAsync(3, "");
        await driver.TypeAsync(3, "/back");
        await CitizenInterviews.RunAsync(driver, 3, new Dictionary<string, string>(eligible).With(Q1Items, c => c == "Q1_8" ? "99" : c[^1..]), 3, TimeSpan.FromSeconds(12), clock);
        // A gap before the respondent's last answer, as an answer erased by hand would leave.
        await using (var db = database.Open())
            await db.Answers.Where(a => a.Code == "Q3" && a.Respondent!.ChatId == 2).ExecuteDeleteAsync();

        var rows = await WideRowsAsync(database);
        var flagColumns = QualityFlags.Columns(ShippedFlows.Citizen.Definition);
        Assert.Equal(["speeder", "back_count", "item_na", "item_skipped", "straightliner_Q1", "straightliner_Q2", "straightliner_Q4", "straightliner_Q6", "straightliner_Q8", "straightliner_Q11"], flagColumns);
        Assert.Equal(("1", "0", "0", "0", "1"), Flags(rows[0]));
        Assert.Equal(("0", "0", "8", "1", "0"), Flags(rows[1]));
        Assert.Equal(("0", "1", "1", "0", "0"), Flags(rows[2]));

        var summary = await new FieldworkStats(database.Factory, ShippedFlows.Citizen.Definition).ComputeAsync();
        var counts = summary.QualityFlags.ToDictionary(f => f.Flag, f => f.Completes);
        Assert.Equal((1, 1, 2, 1, 1), (counts["speeder"], counts["back_count"], counts["item_na"], counts["item_skipped"], counts["straightliner_Q1"]));
        var lines = summary.ToFullText().Split('\n');
        Assert.Contains("- speeder: 1명 (33.3%)", lines);
        Assert.Contains("- item_na: 2명 (66.7%)", lines);
    }

    [Fact]
    public async Task The_flow_quality_section_moves_the_speeder_threshold_and_the_matrices_checked()
    {
        using var database = new TestDatabase();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        var flows = TestFlows.WithCitizenText(text => text.Replace("quotas:\n", "quality:\n  speeder_share: 0.05\n  straightline_min_items: 9\nquotas:\n", StringComparison.Ordinal));
        var flow = flows["citizen"].Definition;
        Assert.Equal(new QualitySpec(0.05, 9) { Line = flow.Quality.Line }, flow.Quality);
        var driver = new InterviewDriver(database, flows, clock);
        var eligible = new Dictionary<string, string> { ["SQ1"] = "1", ["SQ3"] = "30" };
        await CitizenInterviews.RunAsync(driver, 1, new Dictionary<string, string>(eligible).With(Q1Items, _ => "4"), 1, TimeSpan.FromSeconds(1), clock);
        await CitizenInterviews.RunAsync(driver, 2, eligible, 2, TimeSpan.FromSeconds(10), clock);

        var rows = await WideRowsAsync(database, flow);
        // 1 s a step is a tenth of the median: not under 0.05 of it. Only the 10-item matrices are checked.
        Assert.Equal("0", rows[0]["speeder"]);
        Assert.Equal(["straightliner_Q4", "straightliner_Q6", "straightliner_Q8"], rows[0].Keys.Where(k => k.StartsWith("straightliner_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_codebook_explains_the_flags_and_the_paradata_and_case_files()
    {
        using var database = new TestDatabase();
        using var md = new MemoryStream();
        await new ResultExporter(database.Factory, ShippedFlows.Citizen.Definition).WriteAsync(ExportFormat.Codebook, md);
        var text = Encoding.UTF8.GetString(md.ToArray());
        var flags = text[text.IndexOf("## Quality flags", StringComparison.Ordinal)..text.IndexOf("## Paradata file", StringComparison.Ordinal)];
        foreach (var column in QualityFlags.Columns(ShippedFlows.Citizen.Definition)) Assert.Contains($"| `{column}` |", flags);
        var paradata = text[text.IndexOf("## Paradata file", StringComparison.Ordinal)..text.IndexOf("## Case file", StringComparison.Ordinal)];
        foreach (var column in ParadataExporter.Columns) Assert.Contains($"| `{column}` |", paradata);
        Assert.Contains("AAPOR final disposition", text[text.IndexOf("## Case file", StringComparison.Ordinal)..]);
        Assert.DoesNotContain("| `speeder` |", text[..text.IndexOf("## Quality flags", StringComparison.Ordinal)]);
    }

    private static (string Speeder, string Back, string NotApplicable, string Skipped, string StraightQ1) Flags(Dictionary<string, string> row) =>
        (row["speeder"], row["back_count"], row["item_na"], row["item_skipped"], row["straightliner_Q1"]);

    private static async Task<List<Dictionary<string, string>>> WideRowsAsync(TestDatabase database, FlowDefinition? flow = null)
    {
        using var csv = new MemoryStream();
        await new ResultExporter(database.Factory, flow ?? ShippedFlows.Citizen.Definition).WriteAsync(ExportFormat.Csv, csv);
        var rows = CsvText.Parse(Encoding.UTF8.GetString(csv.ToArray()));
        return rows.Skip(1).Select(r => rows[0].Select((c, i) => (c, r[i])).ToDictionary(x => x.c, x => x.Item2)).ToList();
    }
}
