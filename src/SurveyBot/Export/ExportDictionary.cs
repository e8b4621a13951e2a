using SurveyBot.Engine.Definition;

namespace SurveyBot.Export;

/// <summary>
/// Describes every column of a flow's results table (same order as <see cref="ResultTable.Columns"/>)
/// from the flow definition alone: labels from the question texts, value labels from options, recode
/// bands and scale ends, the not-applicable code as user-missing.
/// </summary>
public static class ExportDictionary
{
    private static readonly Dictionary<string, string> MetadataLabels = new(StringComparer.Ordinal)
    {
        ["respondent_id"] = "응답자 ID (가명)",
        ["status"] = "응답 상태 (completed, screened_out, in_progress, quota_full, expired)",
        ["screened_out_at"] = "조사 중단 문항",
        ["started_at"] = "응답 시작 시각 (UTC)",
        ["completed_at"] = "응답 종료 시각 (UTC)",
        ["duration_s"] = "응답 소요 시간 (초)",
        ["source"] = "유입 경로 (초대 링크, 캠페인)",
        ["flow_version"] = "설문 버전",
    };

    public static IReadOnlyList<ExportVariable> For(FlowDefinition flow)
    {
        var described = new List<ExportVariable>();
        foreach (var column in ResultTable.MetadataColumns)
            described.Add(new ExportVariable(column, column, column is "duration_s" or "flow_version", MetadataLabels[column]));
        foreach (var node in flow.Questions)
            described.AddRange(Describe(node));
        described.AddRange(Quality(flow));
        var names = SpssNames.Assign(described.Select(v => v.Column));
        return described.Select((v, i) => v with { Name = names[i] }).ToList();
    }

    private static IEnumerable<ExportVariable> Describe(QuestionNode node)
    {
        var text = FirstLine(node.Text);
        var common = new ExportVariable(node.Code, node.Code, true, text)
        {
            NodeCode = node.Code,
            Kind = node.Kind.ToString().ToLowerInvariant(),
            AskedWhen = node.ShowIf?.Source,
            ScreenOutIf = node.ScreenOutIf?.Source,
            QuestionText = node.Text,
        };
        switch (node.Kind)
        {
            case QuestionKind.Single:
                yield return common with { ValueLabels = Options(node), Range = OptionRange(node) };
                if (node.Options.FirstOrDefault(o => o.Other) is { } other)
                    yield return common with
                    {
                        Column = node.OtherColumn,
                        IsNumeric = false,
                        Label = $"{text} - {other.Label}",
                        AskedWhen = Both(node.ShowIf?.Source, $"{node.Code} = {other.Code}"),
                        ScreenOutIf = null,
                    };
                break;
            case QuestionKind.Numeric:
                yield return common with { Range = node.Min is { } min && node.Max is { } max ? (min, max) : null };
                break;
            case QuestionKind.Recode:
                yield return common with
                {
                    Label = $"{node.From} 리코드",
                    ValueLabels = node.Bands.Select(b => new ValueLabel(b.Code, b.Label)).ToList(),
                    Range = node.Bands.Count > 0 ? (node.Bands.Min(b => b.Code), node.Bands.Max(b => b.Code)) : null,
                };
                break;
            case QuestionKind.Scale:
                yield return common with { ValueLabels = ScaleEnds(node), Range = ScaleRange(node) };
                break;
            case QuestionKind.Matrix:
                var labels = ScaleEnds(node);
                if (node.NotApplicable is { } na) labels = [.. labels, new ValueLabel(na.Code, na.Label)];
                foreach (var item in node.Items)
                    yield return common with
                    {
                        Column = item.Code,
                        Label = $"{node.Code}) {item.Label}",
                        ValueLabels = labels,
                        Range = ScaleRange(node),
                        MissingValues = node.NotApplicable is { } n ? [n.Code] : [],
                    };
                break;
            case QuestionKind.Rank:
                for (var position = 1; position <= node.Picks; position++)
                    yield return common with
                    {
                        Column = node.RankColumn(position),
                        Label = $"{text} ({position}순위)",
                        ValueLabels = Options(node),
                        Range = OptionRange(node),
                        ScreenOutIf = position == node.Picks ? node.ScreenOutIf?.Source : null,
                    };
                if (node.Rotate)
                    yield return common with { Column = node.OrderColumn, IsNumeric = false, Label = $"{text} (보기 제시 순서)", ScreenOutIf = null };
                break;
            case QuestionKind.Open:
                if (node.Items.Count == 0) yield return common with { IsNumeric = false };
                else
                    foreach (var item in node.Items)
                        yield return common with { Column = item.Code, IsNumeric = false, Label = $"{text} - {item.Label}" };
                break;
        }
    }

    private static IEnumerable<ExportVariable> Quality(FlowDefinition flow)
    {
        List<ValueLabel> yesNo = [new ValueLabel(0, "아니오"), new ValueLabel(1, "예")];
        var share = flow.Quality.SpeederShare.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        yield return new ExportVariable(QualityFlags.Speeder, QualityFlags.Speeder, true, $"품질: 과속 응답 (완료 소요 시간 < 중앙값 × {share})")
        { Kind = "quality", ValueLabels = yesNo, Range = (0, 1) };
        yield return new ExportVariable(QualityFlags.BackCount, QualityFlags.BackCount, true, "품질: 이전 문항으로 돌아간 횟수 (/back)") { Kind = "quality" };
        yield return new ExportVariable(QualityFlags.ItemNotApplicable, QualityFlags.ItemNotApplicable, true, "품질: 비해당 응답 수") { Kind = "quality" };
        yield return new ExportVariable(QualityFlags.ItemSkipped, QualityFlags.ItemSkipped, true, "품질: 마지막 응답 이전에 건너뛴 문항 수 (분기)") { Kind = "quality" };
        foreach (var matrix in QualityFlags.StraightlineMatrices(flow))
            yield return new ExportVariable(QualityFlags.StraightlinerPrefix + matrix.Code, QualityFlags.StraightlinerPrefix + matrix.Code, true,
                $"품질: {matrix.Code} 전 항목 동일 응답 (일자 응답)")
            { Kind = "quality", ValueLabels = yesNo, Range = (0, 1), NodeCode = matrix.Code };
    }

    private static List<ValueLabel> Options(QuestionNode node) => node.Options.Select(o => new ValueLabel(o.Code, o.Label)).ToList();

    private static (int, int)? OptionRange(QuestionNode node) =>
        node.Options.Count > 0 ? (node.Options.Min(o => o.Code), node.Options.Max(o => o.Code)) : null;

    private static List<ValueLabel> ScaleEnds(QuestionNode node) =>
        node.Scale is { } s ? [new ValueLabel(s.Min, s.Low), new ValueLabel(s.Max, s.High)] : [];

    private static (int, int)? ScaleRange(QuestionNode node) => node.Scale is { } s ? (s.Min, s.Max) : null;

    private static string? Both(string? first, string second) => first is null ? second : $"({first}) and {second}";

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0].Trim();
        return line.Length > 0 ? line : text.Trim();
    }
}
