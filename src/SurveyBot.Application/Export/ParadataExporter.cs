using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Storage;

namespace SurveyBot.Export;

/// <summary>
/// Writes the paradata file, long: one row per answered question of every respondent, with when it was shown
/// and answered, the seconds between, how often it was shown (/back) and whether a reminder came in between.
/// UTF-8 CSV with a BOM, rows in respondent order, then by answer time.
/// </summary>
public static class ParadataExporter
{
    public static readonly string[] Columns = ["respondent_id", "code", "step", "shown_at", "answered_at", "seconds", "visits", "reminded"];

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.None };

    public static async Task WriteAsync(IDbContextFactory<SurveyDbContext> databases, FlowDefinition flow, Stream destination, CancellationToken cancellationToken = default)
    {
        var steps = StepNumbers(flow);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = (from a in db.Answers.AsNoTracking()
                    join r in db.Respondents.AsNoTracking() on a.RespondentId equals r.Id
                    where r.FlowId == flow.Id && a.ShownAt != null
                    orderby r.Id, a.AnsweredAt, a.Code
                    select new { r.PublicId, a.Code, a.ShownAt, a.AnsweredAt, a.Visits, a.RemindedBetween }).AsAsyncEnumerable();

        await using var text = new StreamWriter(destination, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 1 << 16, leaveOpen: true);
        await using var csv = CsvWriter.Create(text, Options, leaveOpen: true);
        csv.WriteHeader(Columns);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var shown = row.ShownAt!.Value;
            csv.WriteField(row.PublicId);
            csv.WriteField(row.Code);
            csv.WriteField(steps.TryGetValue(row.Code, out var step) ? step.ToString(CultureInfo.InvariantCulture) : null);
            csv.WriteField(Precise(shown));
            csv.WriteField(Precise(row.AnsweredAt));
            csv.WriteField(Math.Max(0, (row.AnsweredAt - shown).TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture));
            csv.WriteField(row.Visits.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.RemindedBetween ? "1" : "0");
            await csv.EndRecordAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    /// <summary>Each column's step number in the flow (the "n" of "n of m"); an other-specify text takes its question's.</summary>
    private static Dictionary<string, int> StepNumbers(FlowDefinition flow)
    {
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var last = 0;
        foreach (var step in new FlowPlan(flow).Steps)
        {
            if (step.Number > 0) last = step.Number;
            if (step.Column is { } column) numbers[column] = step.Number > 0 ? step.Number : last;
        }
        return numbers;
    }

    private static string Precise(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
