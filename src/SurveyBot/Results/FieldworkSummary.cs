using System.Globalization;
using System.Text;
using SurveyBot.Engine.Runtime;

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

    private static string Count(int n) => n.ToString("N0", CultureInfo.InvariantCulture) + "명";

    private static string Share(int n, int of) => of == 0 ? "" : $" ({Percent((double)n / of)})";

    private static string Percent(double rate) => (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}시간 {span.Minutes}분" : $"{(int)span.TotalMinutes}분 {span.Seconds}초";
}
