namespace SurveyBot.Engine.Runtime;

/// <summary>What the engine says to respondents besides the questionnaire's own texts (Korean).</summary>
public sealed record EngineMessages
{
    public static EngineMessages Korean { get; } = new();

    public string Progress { get; init; } = "문항 {0}/{1}";
    public string NextButton { get; init; } = "다음";
    public string BackButton { get; init; } = "◀ 이전 문항";
    public string UndoButton { get; init; } = "↩ 이전 선택 취소";
    public string DoneButton { get; init; } = "완료";
    public string DoneWord { get; init; } = "완료";
    public string ScaleLegend { get; init; } = "{0} = {1}  …  {2} = {3}";
    public string NumericHint { get; init; } = "숫자로 입력해 주세요.";
    public string RankHint { get; init; } = "{0}순위를 골라 주세요.";
    public string RankChosen { get; init; } = "선택하신 순위: {0}";
    public string OpenHint { get; init; } = "답변을 입력해 주세요. 여러 메시지로 나누어 보내셔도 됩니다. 다 쓰셨으면 '완료'를 눌러 주세요.";
    public string OpenSoFar { get; init; } = "(지금까지 {0}자 입력하셨습니다.)";
    public string OpenSaved { get; init; } = "저장되었습니다. 더 쓰실 내용이 있으면 이어서 보내 주시고, 다 쓰셨으면 '완료'를 눌러 주세요.";
    public string OtherHint { get; init; } = "내용을 자세히 적어 주십시오.";
    public string MultiHint { get; init; } = "해당하는 것을 모두 눌러 골라 주세요 ({0}~{1}개). 다시 누르면 선택이 취소됩니다. 다 고르셨으면 '{2}'를 눌러 주세요.";
    public string MultiTypedHint { get; init; } = "해당하는 보기의 번호를 쉼표로 구분해 입력해 주세요 (예: 1,3). {0}~{1}개를 고를 수 있습니다.";
    public string MultiChosen { get; init; } = "선택하신 보기: {0}";
    public string MultiDoneButton { get; init; } = "선택 완료";
    public string MultiSelected { get; init; } = "✅ ";
    public string MultiNone { get; init; } = "선택 없음";

    public string NotANumber { get; init; } = "숫자로만 입력해 주세요. (예: 35)";
    public string OutOfRange { get; init; } = "{0}에서 {1} 사이의 숫자로 입력해 주세요.";
    public string EmptyAnswer { get; init; } = "답변이 비어 있습니다. 내용을 입력해 주세요.";
    public string TooLong { get; init; } = "답변이 너무 깁니다. 모두 합쳐 {0}자 이내로 입력해 주세요.";
    public string MultiTooFew { get; init; } = "{0}개 이상 골라 주세요.";
    public string MultiTooMany { get; init; } = "{0}개까지만 고를 수 있습니다. 이미 고른 보기를 다시 눌러 취소한 뒤 골라 주세요.";
    public string PickFromList { get; init; } = "보기에 없는 답입니다. 보기의 번호나 이름으로 답해 주세요.";
    public string UseButtons { get; init; } = "아래 버튼을 눌러 답해 주세요.";
    public string StaleButton { get; init; } = "지금 질문의 버튼이 아닙니다. 가장 최근 질문에 답해 주세요.";
    public string NothingBefore { get; init; } = "첫 질문이라 이전으로 돌아갈 수 없습니다.";
    public string AlreadyFinished { get; init; } = "이미 응답을 마치셨습니다. 참여해 주셔서 감사합니다.";
}
