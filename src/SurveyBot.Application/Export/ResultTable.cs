using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Storage;

namespace SurveyBot.Export;

/// <summary>
/// The wide results table of the data contract: one row per respondent, metadata columns then the
/// flow's data columns, then the data-quality flags (<see cref="QualityFlags"/>), in a fixed order whatever the
/// data. Rows stream from the database.
/// </summary>
public sealed class ResultTable(IDbContextFactory<SurveyDbContext> databases, FlowDefinition flow)
{
    public static readonly string[] MetadataColumns =
        ["respondent_id", "status", "screened_out_at", "started_at", "completed_at", "duration_s", "source", "flow_version"];

    public IReadOnlyList<string> Columns { get; } = [.. MetadataColumns, .. flow.DataColumns, .. QualityFlags.Columns(flow)];

    /// <summary>
    /// The rows in respondent order, from one query: an export is one consistent snapshot. (Reading blocks
    /// of respondents in parallel on several connections was tried and gave no measurable gain on a
    /// shared 2-core machine, at the cost of that snapshot.)
    /// </summary>
    public async IAsyncEnumerable<string?[]> RowsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var index = flow.DataColumns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => MetadataColumns.Length + x.i, StringComparer.Ordinal);
        var answers = new PackedAnswers(index);
        // One row per respondent with its answers packed by SQLite into one JSON object: a large export reads
        // millions of answers, and fetching each as its own row cost more in per-row reader calls and
        // string allocations than SQLite spent finding them.
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var flags = new QualityFlags(flow, Columns);
        var completedStatus = InterviewStatus.Completed.ToContract();
        // The speeder flag compares with the median of every completed interview, so that goes first.
        var durations = await db.Respondents.AsNoTracking().Where(r => r.FlowId == flow.Id && r.Status == completedStatus && r.CompletedAt != null)
            .Select(r => new { r.StartedAt, r.CompletedAt }).AsAsyncEnumerable()
            .Select(r => (double)(long)(r.CompletedAt!.Value - r.StartedAt).TotalSeconds).ToListAsync(cancellationToken);
        var median = Median(durations);
        await using var respondents = await ResultsQuery.OpenRespondentRowsAsync(db, flow.Id, cancellationToken);
        while (respondents.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = respondents.GetDateTime(ResultsQuery.StartedAt);
            DateTime? completed = respondents.IsDBNull(ResultsQuery.CompletedAt) ? null : respondents.GetDateTime(ResultsQuery.CompletedAt);
            var row = new string?[Columns.Count];
            row[0] = respondents.GetString(ResultsQuery.PublicId);
            row[1] = respondents.GetString(ResultsQuery.Status);
            row[2] = respondents.IsDBNull(ResultsQuery.ScreenedOutAt) ? null : respondents.GetString(ResultsQuery.ScreenedOutAt);
            row[3] = Iso(started);
            row[4] = completed is { } done ? Iso(done) : null;
            row[5] = completed is { } end ? ((long)(end - started).TotalSeconds).ToString(CultureInfo.InvariantCulture) : null;
            row[6] = respondents.IsDBNull(ResultsQuery.Source) ? null : respondents.GetString(ResultsQuery.Source);
            row[7] = respondents.GetInt32(ResultsQuery.FlowVersion).ToString(CultureInfo.InvariantCulture);
            if (!respondents.IsDBNull(ResultsQuery.PackedAnswers)) answers.Unpack(respondents.GetFieldValue<byte[]>(ResultsQuery.PackedAnswers), row);
            flags.Fill(row, row[1] == completedStatus, completed is { } ended ? (long)(ended - started).TotalSeconds : null, median, respondents.GetInt32(ResultsQuery.BackCount));
            yield return row;
        }
    }

    /// <summary>
    /// The longest stored value of each text column, in UTF-8 bytes (0 when none is stored): formats
    /// with fixed-width strings (SPSS) size their columns from it. One aggregate query, no rows in memory.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> MaxTextBytesAsync(IEnumerable<string> columns, CancellationToken cancellationToken = default)
    {
        var widths = columns.Distinct(StringComparer.Ordinal).ToDictionary(c => c, _ => 0, StringComparer.Ordinal);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var stored = await ResultsQuery.MaxTextBytesAsync(db, flow.Id, widths.Keys.Where(c => !MetadataColumns.Contains(c)), cancellationToken);
        foreach (var (column, bytes) in stored)
            if (widths.ContainsKey(column)) widths[column] = bytes;
        foreach (var stamp in new[] { "started_at", "completed_at" })
            if (widths.ContainsKey(stamp)) widths[stamp] = 20;
        return widths;
    }

    /// <summary>The median of <paramref name="values"/> (sorted in place); null when there are none.</summary>
    public static double? Median(List<double> values)
    {
        if (values.Count == 0) return null;
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static string Iso(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
