namespace SurveyBot.Interviews;

/// <summary>What a respondent is told outside a flow's fielding window (Korean); {0} is the date in the configured offset.</summary>
public sealed record FieldingMessages
{
    public static FieldingMessages Korean { get; } = new();

    public string DateFormat { get; init; } = "yyyy년 M월 d일 HH:mm";

    public string NotYetOpen { get; init; } = "안녕하세요. 본 조사는 아직 시작 전입니다. {0}부터 참여하실 수 있으니 그때 다시 찾아 주시면 감사하겠습니다.";

    public string Closed { get; init; } = "본 조사는 {0}에 마감되어 더 이상 응답을 받지 않습니다. 관심을 가져 주셔서 진심으로 감사드립니다.";
}
