using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScottPlot;
using SurveyBot.Engine.Definition;
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

    /// <summary>The codes a chart can be drawn for in <paramref name="definition"/>, known from the definition alone; the funnel (<see cref="DropoutCode"/>) last.</summary>
    public static IEnumerable<string> ChartableCodes(FlowDefinition definition) =>
        definition.Questions.Where(q => q.Kind is QuestionKind.Single or QuestionKind.Scale or QuestionKind.Recode or QuestionKind.Matrix or QuestionKind.Rank)
            .SelectMany(q => q.Kind == QuestionKind.Matrix ? [q.Code, .. q.Items.Select(i => i.Code)] : new[] { q.Code })
            .Append(DropoutCode);

    /// <summary>Renders the chart of <paramref name="code"/>; throws <see cref="ArgumentException"/> for a code that has none.</summary>
    public async Task<byte[]> RenderPngAsync(string code, CancellationToken cancellationToken = default)
    {
        if (code == DropoutCode) return await DropoutAsync(cancellationToken);
        var node = flow.Questions.FirstOrDefault(q => q.Code == code)
            ?? flow.Questions.FirstOrDefault(q => q.Kind == QuestionKind.Matrix && q.Items.Any(i => i.Code == code))
            ?? throw new ArgumentException($"'{code}' is not a question or matrix item of flow '{flow.Id}'", nameof(code));
        var variables = ExportDictionary.For(flow).ToDictionary(v => v.Column, StringComparer.Ordinal);
        using var plot = new Plot();
        ChartFonts.Apply(plot);
        int height;
        switch (node.Kind)
        {
            case QuestionKind.Single or QuestionKind.Scale or QuestionKind.Recode:
                height = await FrequenciesAsync(plot, node, variables[node.Code], cancellationToken);
                break;
            case QuestionKind.Matrix:
                height = await MeansAsync(plot, node, node.Code == code ? node.Items : node.Items.Where(i => i.Code == code).ToList(), cancellationToken);
                break;
            case QuestionKind.Rank:
                height = await RanksAsync(plot, node, cancellationToken);
                break;
            default:
                throw new ArgumentException($"'{code}' is a {node.Kind.ToString().ToLowerInvariant()} question: no chart", nameof(code));
        }
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

    private async Task<int> FrequenciesAsync(Plot plot, QuestionNode node, ExportVariable variable, CancellationToken cancellationToken)
    {
        var counts = (await AnswerCounts.OfCompletedAsync(databases, flow, [node.Code], cancellationToken))[node.Code];
        List<(int Value, string Label)> categories = node.Kind == QuestionKind.Scale && node.Scale is { } scale
            ? Enumerable.Range(scale.Min, scale.Max - scale.Min + 1).Select(p => (p, variable.LabelOf(p) is { } end ? $"{p} {end}" : Text(p))).ToList()
            : variable.ValueLabels.Select(l => (l.Value, $"{l.Value} {l.Label}")).ToList();
        categories.AddRange(counts.Keys.Where(v => categories.All(c => c.Value != v)).Order().Select(v => (v, Text(v))));
        var total = counts.Values.Sum();
        HorizontalBars(plot, categories.Select(c => (c.Label, (double)counts.GetValueOrDefault(c.Value), $"{counts.GetValueOrDefault(c.Value)} ({Percent(counts.GetValueOrDefault(c.Value), total)})")).ToList(), Colors.Category10[0]);
        plot.Title($"{node.Code} (완료 응답 {total}명)");
        plot.XLabel("응답자 수");
        return HeightFor(categories.Count);
    }

    private async Task<int> MeansAsync(Plot plot, QuestionNode node, IReadOnlyList<MatrixItem> items, CancellationToken cancellationToken)
    {
        var counts = await AnswerCounts.OfCompletedAsync(databases, flow, items.Select(i => i.Code).ToList(), cancellationToken);
        var scale = node.Scale!;
        var bars = items.Select(item =>
        {
            var valid = counts[item.Code].Where(kv => kv.Key >= scale.Min && kv.Key <= scale.Max).ToList();
            var n = valid.Sum(kv => kv.Value);
            var mean = n == 0 ? 0 : valid.Sum(kv => (double)kv.Key * kv.Value) / n;
            return ($"{item.Code} {item.Label}", mean, n == 0 ? "n=0" : $"{mean.ToString("0.00", CultureInfo.InvariantCulture)} (n={n})");
        }).ToList();
        HorizontalBars(plot, bars, Colors.Category10[1]);
        plot.Axes.SetLimitsX(0, scale.Max + 0.9);
        plot.Title($"{node.Code} 평균 ({scale.Min}={Cut(scale.Low)}, {scale.Max}={Cut(scale.High)})");
        plot.XLabel(node.NotApplicable is { } na ? $"평균 점수 ({na.Label} 제외)" : "평균 점수");
        return HeightFor(items.Count);
    }

    private async Task<int> RanksAsync(Plot plot, QuestionNode node, CancellationToken cancellationToken)
    {
        var columns = Enumerable.Range(1, node.Picks).Select(node.RankColumn).ToList();
        var counts = await AnswerCounts.OfCompletedAsync(databases, flow, columns, cancellationToken);
        var options = node.Options;
        var first = options.Select(o => (double)counts[columns[0]].GetValueOrDefault(o.Code)).ToArray();
        // 1st choice scores picks points, the last pick scores 1.
        var weighted = options.Select(o => (double)columns.Select((c, i) => counts[c].GetValueOrDefault(o.Code) * (node.Picks - i)).Sum()).ToArray();
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
        scorePlot.LegendText = $"가중 점수 ({string.Join('/', Enumerable.Range(1, node.Picks).Reverse())})";
        plot.Axes.Left.SetTicks(options.Select((_, i) => (double)(options.Count - 1 - i)).ToArray(), options.Select(o => Cut($"{o.Code} {o.Label}")).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Margins(left: 0, right: 0.15, bottom: 0.02, top: 0.02);
        plot.ShowLegend(Edge.Bottom);
        plot.Title($"{node.Code} 순위 (완료 응답 {counts[columns[0]].Values.Sum()}명)");
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
