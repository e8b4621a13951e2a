using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Kinds;

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

    /// <summary>The node's columns as its kind describes them, with the node's label and routing in common.</summary>
    private static IEnumerable<ExportVariable> Describe(QuestionNode node)
    {
        var common = new ColumnSpec(node.Code, true, KindColumns.FirstLine(node.Text))
        {
            AskedWhen = node.ShowIf?.Source,
            ScreenOutIf = node.ScreenOutIf?.Source,
        };
        return node.Kind.Columns(node, common).Select(c => new ExportVariable(c.Column, c.Column, c.IsNumeric, c.Label)
        {
            NodeCode = node.Code,
            Kind = node.Kind.Name,
            AskedWhen = c.AskedWhen,
            ScreenOutIf = c.ScreenOutIf,
            QuestionText = node.Text,
            ValueLabels = c.ValueLabels,
            MissingValues = c.MissingValues,
            Range = c.Range,
            Level = c.IsNumeric ? c.Level : MeasurementLevel.Nominal,
        });
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
}
