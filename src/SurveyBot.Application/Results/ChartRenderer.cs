using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScottPlot;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Kinds.Charts;
using SurveyBot.Export;
using SurveyBot.Results.Outcomes;
using SurveyBot.Storage;

namespace SurveyBot.Results;

/// <summary>
/// Draws one question of a flow as a PNG (ScottPlot), from completed interviews, for any channel:
/// a single choice, scale or recode as frequencies per option; a matrix question (or one of its items)
/// as the mean per item with its count (not-applicable answers left out); a rank question as
/// first-choice counts beside weighted scores (n points for 1st ... 1 for nth: 3/2/1 for three picks);
/// and <c>dropout</c>, the funnel of all interviews from start to completion.
/// </summary>
public sealed class ChartRenderer(IDbContextFactory<SurveyDbContext> databases, FlowDefinition flow)
{
    public const int Width = 1000;

    /// <summary>The code of the funnel chart from start to completion (where people stop), beside the questions' codes.</summary>
    public const string DropoutCode = "dropout";
    private const int MaxLabel = 28;

    /// <summary>The codes a chart can be drawn for: node codes of coded questions, and matrix items.</summary>
    public IEnumerable<string> ChartableCodes() => ChartableCodes(flow);

    /// <summary>The codes a chart can be drawn for in <paramref name="definition"/>, as each question's kind names them; the funnel (<see cref="DropoutCode"/>) last.</summary>
    public static IEnumerable<string> ChartableCodes(FlowDefinition definition) =>
        definition.Questions.SelectMany(q => q.Kind.ChartCodes(q)).Append(DropoutCode);

    /// <summary>Renders the chart of <paramref name="code"/>; throws <see cref="ArgumentException"/> for a code that has none.</summary>
    public async Task<byte[]> RenderPngAsync(string code, CancellationToken cancellationToken = default)
    {
        if (code == DropoutCode) return await DropoutAsync(cancellationToken);
        var node = flow.Questions.FirstOrDefault(q => q.Kind.ChartCodes(q).Contains(code, StringComparer.Ordinal))
            ?? flow.Questions.FirstOrDefault(q => q.Code == code)
            ?? throw new ArgumentException($"'{code}' is not a question or matrix item of flow '{flow.Id}'", nameof(code));
        using var plot = new Plot();
        ChartFonts.Apply(plot);
        var height = node.Kind.Chart(node, code) switch
        {
            FrequencyChart frequencies => await FrequenciesAsync(plot, frequencies, cancellationToken),
            MeanChart means => await MeansAsync(plot, means, cancellationToken),
            RankChart ranks => await RanksAsync(plot, ranks, cancellationToken),
            ShareChart shares => await SharesAsync(plot, shares, cancellationToken),
            _ => throw new ArgumentException($"'{code}' is a {node.Kind.Name} question: no chart", nameof(code)),
        };
        return plot.GetImageBytes(Width, height, ImageFormat.Png);
    }

    /// <summary>The funnel: interviews reaching each question, from the start to completion, with the break-offs at each.</summary>
    private async Task<byte[]> DropoutAsync(CancellationToken cancellationToken)
    {
        var stages = await new DropoutFunnel(databases, flow).ComputeAsync(cancellationToken);
        using var plot = new Plot();
        ChartFonts.Apply(plot);
        var started = stages[0].Reached;
        HorizontalBars(plot, stages.Select(s => (s.Code == DropoutFunnel.StartCode || s.Code == DropoutFunnel.CompletedCode ? s.Label : s.Code,
            (double)s.Reached, $"{s.Reached} ({Percent(s.Reached, started)}){(s.StoppedHere > 0 ? $", 중단 {s.StoppedHere}" : "")}")).ToList(), Colors.Category10[3]);
        plot.Title($"{flow.Id} 응답 진행 (시작 {started}명 → 완료 {stages[^1].Reached}명)");
        plot.XLabel("도달한 응답자 수 (중단: 그 문항에서 멈춘 미완료 응답)");
        return plot.GetImageBytes(Width, HeightFor(stages.Count), ImageFormat.Png);
    }

    private async Task<int> FrequenciesAsync(Plot plot, FrequencyChart chart, CancellationToken cancellationToken)
    {
        var counts = (await AnswerCounts.OfCompletedAsync(databases, flow, [chart.Column], cancellationToken))[chart.Column];
        var categories = chart.Categories.Select(l => (l.Value, chart.Labelled ? l.Label : $"{l.Value} {l.Label}")).ToList();
        categories.AddRange(counts.Keys.Where(v => categories.All(c => c.Value != v)).Order().Select(v => (v, Text(v))));
        var total = counts.Values.Sum();
        HorizontalBars(plot, categories.Select(c => (c.Item2, (double)counts.GetValueOrDefault(c.Value), $"{counts.GetValueOrDefault(c.Value)} ({Percent(counts.GetValueOrDefault(c.Value), total)})")).ToList(), Colors.Category10[0]);
        plot.Title($"{chart.Code} (완료 응답 {total}명)");
        plot.XLabel("응답자 수");
        return HeightFor(categories.Count);
    }

    /// <summary>A bar per option: the share of completed interviews that answered the question and picked it.</summary>
    private async Task<int> SharesAsync(Plot plot, ShareChart chart, CancellationToken cancellationToken)
    {
        var counts = await AnswerCounts.OfCompletedAsync(databases, flow, chart.Options.Select(o => o.Column).ToList(), cancellationToken);
        var asked = chart.Options.Select(o => counts[o.Column].Values.Sum()).DefaultIfEmpty(0).Max();
        HorizontalBars(plot, chart.Options.Select(o =>
        {
            var picked = counts[o.Column].GetValueOrDefault(1);
            return (o.Label, asked == 0 ? 0 : 100.0 * picked / asked, $"{picked} ({Percent(picked, asked)})");
        }).ToList(), Colors.Category10[4]);
        plot.Axes.SetLimitsX(0, 110);
        plot.Title($"{chart.Code} 복수 선택 (완료 응답 {asked}명)");
        plot.XLabel("선택한 응답자 비율 (%)");
        return HeightFor(chart.Options.Count);
    }

    private async Task<int> MeansAsync(Plot plot, MeanChart chart, CancellationToken cancellationToken)
    {
        var items = chart.Items;
        var counts = await AnswerCounts.OfCompletedAsync(databases, flow, items.Select(i => i.Code).ToList(), cancellationToken);
        var scale = chart.Scale;
        var bars = items.Select(item =>
        {
            var valid = counts[item.Code].Where(kv => kv.Key >= scale.Min && kv.Key <= scale.Max).ToList();
            var n = valid.Sum(kv => kv.Value);
            var mean = n == 0 ? 0 : valid.Sum(kv => (double)kv.Key * kv.Value) / n;
            return ($"{item.Code} {item.Label}", mean, n == 0 ? "n=0" : $"{mean.ToString("0.00", CultureInfo.InvariantCulture)} (n={n})");
        }).ToList();
        HorizontalBars(plot, bars, Colors.Category10[1]);
        plot.Axes.SetLimitsX(0, scale.Max + 0.9);
        plot.Title($"{chart.Code} 평균 ({scale.Min}={Cut(scale.Low)}, {scale.Max}={Cut(scale.High)})");
        plot.XLabel(chart.Excluded is { } excluded ? $"평균 점수 ({excluded} 제외)" : "평균 점수");
        return HeightFor(items.Count);
    }

    private async Task<int> RanksAsync(Plot plot, RankChart chart, CancellationToken cancellationToken)
    {
        var columns = chart.Columns;
        var picks = columns.Count;
        var counts = await AnswerCounts.OfCompletedAsync(databases, flow, columns, cancellationToken);
        var options = chart.Options;
        var first = options.Select(o => (double)counts[columns[0]].GetValueOrDefault(o.Code)).ToArray();
        // 1st choice scores picks points, the last pick scores 1.
        var weighted = options.Select(o => (double)columns.Select((c, i) => counts[c].GetValueOrDefault(o.Code) * (picks - i)).Sum()).ToArray();
        var firstBars = new List<Bar>();
        var scoreBars = new List<Bar>();
        for (var i = 0; i < options.Count; i++)
        {
            var position = options.Count - 1 - i;
            firstBars.Add(new Bar { Position = position + 0.2, Value = first[i], Size = 0.38, FillColor = Colors.Category10[0], Label = Text((int)first[i]), Orientation = Orientation.Horizontal });
            scoreBars.Add(new Bar { Position = position - 0.2, Value = weighted[i], Size = 0.38, FillColor = Colors.Category10[2], Label = Text((int)weighted[i]), Orientation = Orientation.Horizontal });
        }
        var firstPlot = plot.Add.Bars(firstBars);
        firstPlot.Horizontal = true;
        firstPlot.LegendText = "1순위 응답 수";
        var scorePlot = plot.Add.Bars(scoreBars);
        scorePlot.Horizontal = true;
        scorePlot.LegendText = $"가중 점수 ({string.Join('/', Enumerable.Range(1, picks).Reverse())})";
        plot.Axes.Left.SetTicks(options.Select((_, i) => (double)(options.Count - 1 - i)).ToArray(), options.Select(o => Cut($"{o.Code} {o.Label}")).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0, right: 0.15, bottom: 0.02, top: 0.02);
        plot.ShowLegend(Edge.Bottom);
        plot.Title($"{chart.Code} 순위 (완료 응답 {counts[columns[0]].Values.Sum()}명)");
        return HeightFor(options.Count) + 40;
    }

    private static void HorizontalBars(Plot plot, IReadOnlyList<(string Label, double Value, string ValueLabel)> rows, Color color)
    {
        var bars = rows.Select((r, i) => new Bar
        {
            Position = rows.Count - 1 - i,
            Value = r.Value,
            FillColor = color,
            Label = r.ValueLabel,
            Orientation = Orientation.Horizontal,
        }).ToList();
        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        plot.Axes.Left.SetTicks(rows.Select((_, i) => (double)(rows.Count - 1 - i)).ToArray(), rows.Select(r => Cut(r.Label)).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0, right: 0.2, bottom: 0.02, top: 0.02);
    }

    private static int HeightFor(int rows) => Math.Clamp(120 + rows * 34, 300, 1600);

    private static string Cut(string label) => label.Length <= MaxLabel ? label : label[..(MaxLabel - 1)] + "…";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Percent(int n, int total) => total == 0 ? "-" : ((double)n / total * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
