using System.Globalization;
using System.Text;
using SurveyBot.Engine.Runtime;
using SurveyBot.Results.Outcomes;

namespace SurveyBot.Results;

/// <summary>Fieldwork counts of one flow at one moment; <see cref="ToText"/> renders them for a chat message.</summary>
public sealed record FieldworkSummary(string FlowId, int FlowVersion, string Title, int Started, IReadOnlyDictionary<string, int> ByStatus,
    IReadOnlyList<(string Code, string? Condition, int Count)> ScreenOuts, TimeSpan? MedianDuration, IReadOnlyList<FieldworkBreakdown> Breakdowns)
{
    /// <summary>Telegram's message limit; the text stays under it.</summary>
    public const int MaxTextLength = 4096;

    private static readonly (InterviewStatus Status, string Korean)[] StatusNames =
    [
        (InterviewStatus.Completed, "완료"),
        (InterviewStatus.ScreenedOut, "조사 중단 (비적격)"),
        (InterviewStatus.InProgress, "응답 중"),
        (InterviewStatus.QuotaFull, "할당 마감"),
        (InterviewStatus.Expired, "기간 만료"),
    ];

    /// <summary>The fill of each quota of the flow (the <c>quotas</c> section).</summary>
    public IReadOnlyList<QuotaFill> Quotas { get; init; } = [];

    /// <summary>Every person reached or tried (see <see cref="FieldworkCases"/>).</summary>
    public int Cases { get; init; }

    /// <summary>Cases per AAPOR final disposition, in code order.</summary>
    public IReadOnlyList<(Disposition Disposition, int Count)> Dispositions { get; init; } = [];

    /// <summary>AAPOR outcome rates of the whole flow, then of each source.</summary>
    public IReadOnlyList<OutcomeScope> Rates { get; init; } = [];

    public IReadOnlyList<QualityFlagCount> QualityFlags { get; init; } = [];

    /// <summary>The funnel from start to completion, with the unfinished interviews standing at each question.</summary>
    public IReadOnlyList<DropoutStage> Dropout { get; init; } = [];

    public int Completed => ByStatus.GetValueOrDefault(InterviewStatus.Completed.ToContract());

    /// <summary>Completed interviews per interview started; null before the first start.</summary>
    public double? CompletionRate => Started == 0 ? null : (double)Completed / Started;

    /// <summary>Plain Korean text, under 4096 characters (long breakdowns are cut with a note).</summary>
    public string ToText()
    {
        var result = ToFullText();
        const string cut = "\n… (이하 생략)";
        return result.Length <= MaxTextLength ? result : result[..(MaxTextLength - cut.Length)] + cut;
    }

    /// <summary>The whole text, however long: a chat channel splits it into several messages.</summary>
    public string ToFullText()
    {
        var text = new StringBuilder();
        text.AppendLine($"[{Title}] 조사 현황 ({FlowId} v{FlowVersion.ToString(CultureInfo.InvariantCulture)})");
        text.AppendLine($"시작: {Count(Started)}");
        foreach (var (status, korean) in StatusNames)
            text.AppendLine($"- {korean}: {Count(ByStatus.GetValueOrDefault(status.ToContract()))}{Share(ByStatus.GetValueOrDefault(status.ToContract()), Started)}");
        text.AppendLine($"완료율 (완료/시작): {(CompletionRate is { } rate ? Percent(rate) : "-")}");
        text.AppendLine($"응답 시간 중앙값 (완료): {(MedianDuration is { } median ? Duration(median) : "-")}");
        if (ScreenOuts.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("조사 중단 문항:");
            foreach (var (code, condition, count) in ScreenOuts)
                text.AppendLine($"- {code}{(condition is null ? "" : $" ({condition})")}: {Count(count)}");
        }
        foreach (var breakdown in Breakdowns)
        {
            text.AppendLine();
            text.AppendLine($"완료자 {breakdown.Code} {breakdown.Label}:");
            foreach (var row in breakdown.Rows)
                text.AppendLine($"- {row.Label}: {Count(row.Count)}{Share(row.Count, Completed)}");
        }
        AppendOutcomes(text);
        foreach (var quota in Quotas)
        {
            text.AppendLine();
            text.AppendLine($"할당 {quota.Code} ({string.Join(" × ", quota.Variables)}), 셀당 목표 {Count(quota.Target)} (완료/목표):");
            foreach (var cell in quota.Cells)
                text.AppendLine($"- {cell.Label}: {cell.Completed.ToString("N0", CultureInfo.InvariantCulture)}/{Count(cell.Target)}{(cell.Full ? " 마감" : "")}");
            if (quota.EmptyCells is > 0 and var empty)
                text.AppendLine($"- 그 밖의 {empty.ToString("N0", CultureInfo.InvariantCulture)}개 셀: 0/{Count(quota.Target)}");
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// The fieldwork section of a research report: dispositions, AAPOR rates (each line starts with the rate's
    /// name, e.g. <c>RR1 0.412</c>), quality flags among completes and where unfinished interviews stopped.
    /// </summary>
    private void AppendOutcomes(StringBuilder text)
    {
        if (Rates.Count == 0) return;
        text.AppendLine();
        text.AppendLine($"AAPOR 최종 결과 코드 (사례 {Cases.ToString("N0", CultureInfo.InvariantCulture)}건; AAPOR Standard Definitions, 10th ed., 2023):");
        foreach (var (disposition, count) in Dispositions)
            text.AppendLine($"- {disposition.Code} {disposition.Label}: {count.ToString("N0", CultureInfo.InvariantCulture)}");
        foreach (var scope in Rates)
        {
            var rates = scope.Rates;
            var e = rates.E is { } value ? Rate(value) : "-";
            var basis = rates.EstimatedE ? "적격 여부가 알려진 사례 중 적격 비율" : "설문 파일의 fieldwork.eligibility";
            text.AppendLine();
            text.AppendLine($"결과 비율: {(scope.Source is null ? "전체" : "출처 " + scope.Source)} (사례 {rates.Cases.ToString("N0", CultureInfo.InvariantCulture)}건, I={rates.I} P={rates.P} R={rates.R} NC={rates.NC} O={rates.O} U={rates.U} 비적격={rates.NotEligible}; RR3·RR4·REF2·CON2의 e = {e}, {basis})");
            foreach (var (name, rate) in rates.All)
                text.AppendLine($"{name} {(rate is { } r ? Rate(r) : "-")}");
        }
        if (QualityFlags.Count > 0)
        {
            text.AppendLine();
            text.AppendLine($"품질 플래그 (완료 {Count(Completed)} 중):");
            foreach (var flag in QualityFlags)
                text.AppendLine($"- {flag.Flag}: {Count(flag.Completes)}{Share(flag.Completes, Completed)}");
        }
        var stops = Dropout.Where(s => s.StoppedHere > 0).ToList();
        if (stops.Count > 0)
        {
            text.AppendLine();
            text.AppendLine("문항별 중단 (미완료 응답이 멈춘 문항, 그 문항에 도달한 인원):");
            foreach (var stage in stops)
                text.AppendLine($"- {stage.Code}: {Count(stage.StoppedHere)} (도달 {Count(stage.Reached)})");
        }
    }

    private static string Rate(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture) + "명";

    private static string Share(int n, int of) => of == 0 ? "" : $" ({Percent((double)n / of)})";

    private static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}시간 {span.Minutes}분" : $"{(int)span.TotalMinutes}분 {span.Seconds}초";
}
