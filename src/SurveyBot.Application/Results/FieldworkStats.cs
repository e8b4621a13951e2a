using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Export;
using SurveyBot.Results.Outcomes;
using SurveyBot.Storage;

namespace SurveyBot.Results;

/// <summary>
/// Live fieldwork figures of a flow for staff, whatever the channel: counts by status, where
/// respondents were screened out, completion rate, median duration, and completed interviews broken
/// down by the columns the flow's <c>report.breakdowns</c> names; the fill of every quota cell; the cases' AAPOR
/// dispositions and outcome rates (whole flow and per source), the completes carrying each quality flag, and
/// where unfinished interviews stopped.
/// </summary>
public sealed class FieldworkStats(IDbContextFactory<SurveyDbContext> databases, FlowDefinition flow)
{
    private const int MaxBreakdownLabel = 40;

    public async Task<FieldworkSummary> ComputeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var respondents = db.Respondents.AsNoTracking().Where(r => r.FlowId == flow.Id);
        var byStatus = await respondents.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var screenedOut = InterviewStatus.ScreenedOut.ToContract();
        var reasons = await respondents.Where(r => r.Status == screenedOut).GroupBy(r => r.ScreenedOutAt)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var completed = InterviewStatus.Completed.ToContract();
        var durations = await respondents.Where(r => r.Status == completed && r.CompletedAt != null)
            .Select(r => new { r.StartedAt, r.CompletedAt }).AsAsyncEnumerable()
            .Select(r => (r.CompletedAt!.Value - r.StartedAt).TotalSeconds).ToListAsync(cancellationToken);

        var variables = ExportDictionary.For(flow).ToDictionary(v => v.Column, StringComparer.Ordinal);
        var counts = await AnswerCounts.OfCompletedAsync(databases, flow, flow.Report.Breakdowns.ToList(), cancellationToken);
        var total = byStatus.GetValueOrDefault(completed);
        var breakdowns = flow.Report.Breakdowns.Select(code =>
        {
            var variable = variables[code];
            var found = counts[code];
            var rows = variable.ValueLabels.Select(l => new BreakdownRow(l.Value, l.Label, found.GetValueOrDefault(l.Value)))
                .Concat(found.Keys.Where(v => variable.LabelOf(v) is null).Order().Select(v => new BreakdownRow(v, v.ToString(System.Globalization.CultureInfo.InvariantCulture), found[v])))
                .Where(r => r.Count > 0 || variable.ValueLabels.Count <= 10)
                .ToList();
            var unanswered = total - found.Values.Sum();
            if (unanswered > 0) rows.Add(new BreakdownRow(null, "무응답", unanswered));
            return new FieldworkBreakdown(code, Cut(variable.Label), rows);
        }).ToList();

        var quotaCounts = await QuotaCounter.CountCompletedAsync(db, flow.Id, flow.Quotas, cancellationToken);
        var quotas = flow.Quotas.Select(q => Fill(q, quotaCounts, variables)).ToList();

        var cases = await new FieldworkCases(databases, flow).LoadAsync(cancellationToken);
        var eligibility = flow.Fieldwork.Eligibility;
        List<OutcomeScope> rates = [new(null, OutcomeRates.Of(cases, eligibility))];
        rates.AddRange(cases.GroupBy(c => c.Source).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new OutcomeScope(g.Key, OutcomeRates.Of(g, eligibility))));
        var dispositions = Disposition.All.Select(d => (d, cases.Count(c => c.Disposition == d))).ToList();
        var flags = await FlagCountsAsync(cancellationToken);
        var dropout = await new DropoutFunnel(databases, flow).ComputeAsync(cancellationToken);

        var summary = new FieldworkSummary(flow.Id, flow.Version, flow.Title, byStatus.Values.Sum(), byStatus,
            reasons.OrderByDescending(r => r.Count).Select(r => (r.Key ?? "?", r.Key is null ? null : flow.Questions.FirstOrDefault(q => q.Code == r.Key)?.ScreenOutIf?.Source, r.Count)).ToList(),
            Median(durations), breakdowns);
        return summary with { Quotas = quotas, Cases = cases.Count, Dispositions = dispositions, Rates = rates, QualityFlags = flags, Dropout = dropout };
    }

    /// <summary>How many completed interviews carry each quality flag, read from the rows of the wide export.</summary>
    private async Task<IReadOnlyList<QualityFlagCount>> FlagCountsAsync(CancellationToken cancellationToken)
    {
        var table = new ResultTable(databases, flow);
        var flagColumns = QualityFlags.Columns(flow).Select(c => (Name: c, At: table.Columns.ToList().IndexOf(c))).ToList();
        var counts = new int[flagColumns.Count];
        var completed = InterviewStatus.Completed.ToContract();
        await foreach (var row in table.RowsAsync(cancellationToken))
        {
            if (row[1] != completed) continue;
            for (var i = 0; i < flagColumns.Count; i++)
                if (row[flagColumns[i].At] is { } value && value != "0") counts[i]++;
        }
        return flagColumns.Select((f, i) => new QualityFlagCount(f.Name, counts[i])).ToList();
    }

    /// <summary>Every cell with completed interviews or its own target, in code order; the rest counted as empty.</summary>
    private static QuotaFill Fill(Quota quota, QuotaCounts counts, Dictionary<string, ExportVariable> variables)
    {
        var labels = quota.Variables.Select(v => variables[v].ValueLabels.Select(l => l.Value).ToList()).ToList();
        var all = labels.All(l => l.Count > 0)
            ? labels.Aggregate((IEnumerable<int[]>)[[]], (cells, codes) => cells.SelectMany(c => codes.Select(code => (int[])[.. c, code]))).ToList()
            : null;
        var candidates = (all ?? []).Concat(quota.Cells.Select(c => c.Values.ToArray()))
            .DistinctBy(Quota.KeyOf).ToList();
        var cells = candidates
            .Select(c => new QuotaCellFill(c, LabelOf(quota, c, variables), counts.Completed(quota.Code, Quota.KeyOf(c)), quota.TargetOf(c)))
            .Where(c => c.Completed > 0 || quota.Cells.Any(o => o.Values.SequenceEqual(c.Values)))
            .ToList();
        // Cells counted but not in the labelled set (codes outside the value labels) still show.
        var listed = cells.Select(c => Quota.KeyOf(c.Values)).ToHashSet(StringComparer.Ordinal);
        var empty = all is null ? (int?)null : all.Count - all.Count(c => listed.Contains(Quota.KeyOf(c)));
        return new QuotaFill(quota.Code, quota.Variables, quota.Target, cells.OrderBy(c => c.Values, CodeOrder).ToList(), empty);
    }

    private static readonly Comparer<IReadOnlyList<int>> CodeOrder = Comparer<IReadOnlyList<int>>.Create((a, b) =>
        a.Zip(b).Select(p => p.First.CompareTo(p.Second)).FirstOrDefault(c => c != 0));

    private static string LabelOf(Quota quota, IReadOnlyList<int> cell, Dictionary<string, ExportVariable> variables) =>
        string.Join(" · ", quota.Variables.Select((v, i) => variables[v].LabelOf(cell[i]) ?? cell[i].ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static TimeSpan? Median(List<double> seconds)
    {
        if (seconds.Count == 0) return null;
        seconds.Sort();
        var middle = seconds.Count / 2;
        return TimeSpan.FromSeconds(seconds.Count % 2 == 1 ? seconds[middle] : (seconds[middle - 1] + seconds[middle]) / 2);
    }

    private static string Cut(string label) => label.Length <= MaxBreakdownLabel ? label : label[..(MaxBreakdownLabel - 1)] + "…";
}
