namespace SurveyBot.Staff;

/// <summary>What the bot says to staff about invitations and broadcasts, and the texts broadcasts and reminders carry (Korean).</summary>
public sealed record StaffReplies
{
    public static StaffReplies Korean { get; } = new();

    public string InviteUsage { get; init; } =
        "사용법: /invite <설문> [개수|multi] [출처] [기간]\n" +
        "예) /invite citizen — 1회용 링크 1개 (30일 유효)\n" +
        "예) /invite citizen 20 gangnam — 1회용 링크 20개, 출처 gangnam\n" +
        "예) /invite citizen multi poster 14d — 여러 명이 쓰는 링크 1개, 14일 유효\n" +
        "개수는 1~{0}, 출처는 영문자로 시작하는 영문·숫자·_·- 32자 이내, 기간은 1d~365d 입니다.";
    public string UnknownFlow { get; init; } = "'{0}' 설문을 찾을 수 없습니다. 사용할 수 있는 설문: {1}";
    public string InvitesCreated { get; init; } = "「{0}」 초대 링크 {1}개를 만들었습니다 ({2}, 출처 {3}, {4:yyyy-MM-dd HH:mm} UTC까지 유효).";
    public string SingleUse { get; init; } = "1회용";
    public string MultiUse { get; init; } = "여러 명 사용 가능";

    public string BroadcastUsage { get; init; } =
        "사용법: /broadcast <설문> <대상>\n" +
        "대상: all (모든 활성 연락처), new (이 설문을 시작한 적 없는 연락처), in_progress (응답 중인 연락처에게 알림)\n" +
        "채팅 ID 목록(CSV)으로 보내려면 CSV 파일을 보내면서 설명(캡션)에 /broadcast <설문> 을 적어 주세요.\n" +
        "둘째 줄부터 적은 내용이 있으면 그 내용을 메시지로 보냅니다.\n" +
        "/broadcast status — 진행 상황, /broadcast cancel — 중단";
    public string UnknownAudience { get; init; } = "알 수 없는 대상입니다: '{0}'. all, new, in_progress 중 하나를 적어 주세요.";
    public string CsvUnreadable { get; init; } = "CSV 파일을 읽지 못했습니다: {0}. 한 줄에 하나씩 채팅 ID(숫자)를 적은 파일을 보내 주세요.";
    public string CsvTooLarge { get; init; } = "파일이 너무 큽니다 (최대 {0:N0}바이트).";
    public string EmptyAudience { get; init; } = "보낼 대상이 없습니다. 방송을 만들지 않았습니다.";
    public string BroadcastPreview { get; init; } = "방송 미리보기\n설문: {0}\n대상: {1} — {2:N0}명\n속도: 초당 최대 {3}건{4}\n\n보낼 메시지:\n────────\n{5}\n────────\n아래 '보내기'를 눌러야 발송이 시작됩니다.";
    public string PaidNote { get; init; } = " (유료 방송)";
    public string ConfirmButton { get; init; } = "보내기";
    public string DiscardButton { get; init; } = "취소";
    public string BroadcastStarted { get; init; } = "방송 #{0} 발송을 시작했습니다. 진행 상황은 /broadcast status 로 확인하실 수 있습니다.";
    public string BroadcastDiscarded { get; init; } = "방송 #{0}을 취소했습니다. 아무에게도 보내지 않았습니다.";
    public string BroadcastNotDraft { get; init; } = "방송 #{0}은 이미 {1} 상태입니다.";
    public string NoBroadcast { get; init; } = "진행 중이거나 지난 방송이 없습니다.";
    public string NothingToCancel { get; init; } = "진행 중인 방송이 없습니다.";
    public string BroadcastCancelled { get; init; } = "방송 #{0}을 중단했습니다. 이미 보낸 메시지는 그대로 두고, 남은 {1:N0}명에게는 보내지 않습니다.";
    public string BroadcastFinished { get; init; } = "방송 #{0} 발송을 마쳤습니다.\n{1}";

    /// <summary>{0} id, {1} status, {2} audience, {3} total, {4} sent, {5} blocked, {6} failed, {7} skipped, {8} left, {9} rate, {10} time left.</summary>
    public string Status { get; init; } = "방송 #{0} ({1}, 대상 {2})\n전체 {3:N0}명: 보냄 {4:N0}, 차단 {5:N0}, 실패 {6:N0}, 제외 {7:N0}, 남음 {8:N0}\n속도: 초당 {9:0.0}건, 남은 시간: {10}";
    public string TimeUnknown { get; init; } = "-";

    public string Invitation { get; init; } = "안녕하세요. 「{0}」에 참여해 주시기 바랍니다. 아래 버튼을 누르시면 바로 시작됩니다.\n\n더 이상 안내를 받지 않으시려면 /stop 을 보내 주세요.";
    public string InvitationButton { get; init; } = "설문 참여하기";
    public string Reminder { get; init; } = "「{0}」 응답을 아직 마치지 않으셨습니다. 아래 버튼을 누르시면 멈춘 곳부터 이어서 응답하실 수 있습니다.\n\n더 이상 안내를 받지 않으시려면 /stop 을 보내 주세요.";
    public string ResumeButton { get; init; } = "이어서 응답하기";

    public string StatusName(string status) => status switch
    {
        "draft" => "확인 대기",
        "running" => "발송 중",
        "completed" => "완료",
        "cancelled" => "중단됨",
        _ => status,
    };
}
