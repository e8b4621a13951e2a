namespace SurveyBot.Engine.Definition;

/// <summary>Texts the respondent sees when an interview ends.</summary>
public sealed record FlowMessages(string Completed, string ScreenedOut)
{
    /// <summary>Shown when the respondent's quota cell is already full.</summary>
    public string QuotaFull { get; init; } = DefaultQuotaFull;

    public const string DefaultQuotaFull = "죄송합니다. 귀하께서 해당하시는 응답자 집단은 목표 인원이 모두 채워져 조사를 종료합니다. 참여해 주셔서 진심으로 감사드립니다.";

    public static FlowMessages Default { get; } = new(
        "응답해 주셔서 진심으로 감사드립니다.",
        "죄송합니다. 귀하께서는 본 조사의 응답 대상이 아니십니다. 참여해 주셔서 감사합니다.");
}
