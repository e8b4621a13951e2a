namespace SurveyBot.Conversation;

/// <summary>What the bot says in Telegram besides the questionnaire and the engine (Korean).</summary>
public sealed record ConversationReplies
{
    public static ConversationReplies Korean { get; } = new();

    public string Help { get; init; } =
        "설문 조사 봇입니다.\n\n" +
        "/start — 설문을 시작하거나, 진행 중이던 설문을 이어서 합니다.\n" +
        "/back — 이전 문항으로 돌아갑니다.\n" +
        "/stop — 초대·알림 메시지를 더 이상 받지 않습니다.\n" +
        "/help — 이 도움말을 봅니다.\n" +
        "/delete — 지금까지 남기신 응답 기록을 모두 삭제합니다 (삭제 전에 한 번 더 확인합니다).\n\n" +
        "보기가 있는 문항은 아래 버튼을 눌러 답하시고, 숫자나 의견을 묻는 문항은 메시지로 입력해 주세요.";
    public string Resumed { get; init; } = "진행 중이던 설문을 이어서 진행합니다.";
    public string OtherSurveyInProgress { get; init; } = "응답하시던 다른 설문이 아직 진행 중이어서 그 설문을 이어서 진행합니다. 한 번에 한 설문에만 응답하실 수 있으니, 이 설문을 마치신 뒤에 다시 시작해 주세요.";
    public string StartFirst { get; init; } = "설문을 시작하려면 /start 를 입력해 주세요.";
    public string UnknownCommand { get; init; } = "알 수 없는 명령입니다. 사용할 수 있는 명령은 /help 에서 확인해 주세요.";
    public string LinkExpired { get; init; } = "죄송합니다. 이 설문 링크는 유효 기간이 지났습니다. 링크를 보내 준 곳에 새 링크를 요청해 주세요.";
    public string LinkUsed { get; init; } = "죄송합니다. 이 설문 링크는 이미 사용되었습니다. 링크는 한 분만 사용하실 수 있습니다.";
    public string Stopped { get; init; } = "앞으로 설문 초대와 알림 메시지를 보내지 않겠습니다. 다시 받으시려면 언제든 /start 를 보내 주세요.";
    public string InterviewExpired { get; init; } = "응답 기간이 지나 설문이 종료되었습니다. 참여해 주셔서 감사합니다.";
    public string NothingToResume { get; init; } = "이어서 응답하실 설문이 없습니다. 설문 기간이 끝났거나 이미 응답을 마치셨습니다.";
    public string UnknownLink { get; init; } = "유효하지 않은 설문 링크입니다. 받으신 링크를 다시 확인해 주세요.";
    public string PrivateOnly { get; init; } = "이 설문은 봇과의 1:1 대화에서만 참여하실 수 있습니다. 봇에게 직접 메시지를 보내 주세요.";
    public string UnsupportedMessage { get; init; } = "스티커, 사진, 음성 메시지 등은 답변으로 받을 수 없습니다. 버튼을 누르거나 글로 답해 주세요.";
    public string EditedMessage { get; init; } = "수정하신 메시지는 답변에 반영되지 않습니다. 답을 바꾸시려면 /back 으로 이전 문항으로 돌아가 주세요.";
    public string AdminsOnly { get; init; } = "죄송합니다. 이 명령은 조사 관리자만 사용할 수 있습니다.";
    public string StaffOnly { get; init; } = "죄송합니다. 이 명령은 조사 담당자만 사용할 수 있습니다.";
    public string AdminHelp { get; init; } =
        "관리자 명령:\n" +
        "/export csv|xlsx|spss|codebook|cases|paradata [설문] — 결과 파일을 받습니다 (spss: .sav, .sps 와 .sps 가 읽는 CSV; cases: 사례별 AAPOR 결과 코드; paradata: 문항별 제시·응답 시각).\n" +
        "/stats [설문] — 응답 현황 (상태별 인원, 조사 중단 문항, 완료율, 응답 시간 중앙값, 구·성별·연령대별 완료자, AAPOR 결과 코드와 응답률, 품질 플래그, 문항별 중단).\n" +
        "/chart 문항코드 [설문] — 한 문항의 그래프 (PNG); /chart dropout — 시작부터 완료까지 응답 진행·중단 깔때기.\n" +
        "설문을 적지 않으면 기본 설문({0})입니다.";
    public string ExportUsage { get; init; } = "사용법: /export csv|xlsx|spss|codebook|cases|paradata [설문]\n예: /export xlsx {0}\n사용할 수 있는 설문: {1}";
    public string StatsUsage { get; init; } = "사용법: /stats [설문]\n사용할 수 있는 설문: {0}";
    public string ChartUsage { get; init; } = "사용법: /chart 문항코드 [설문]\n예: /chart {0} {1}\n그래프를 그릴 수 있는 문항: {2}; 응답 진행·중단 깔때기: dropout";
    public string UnknownChartCode { get; init; } = "'{0}' 문항의 그래프는 그릴 수 없습니다.\n그래프를 그릴 수 있는 문항: {1}";
    public string UnknownFlow { get; init; } = "'{0}' 설문을 찾을 수 없습니다. 사용할 수 있는 설문: {1}";
    public string ReportPreparing { get; init; } = "{0} 결과 파일({1})을 만들고 있습니다. 잠시만 기다려 주세요.";
    public string ReportCaption { get; init; } = "{0} ({1}) — {2}, {3} UTC 기준";
    public string SpssSyntaxCaption { get; init; } = "SPSS 문법 파일입니다. 함께 보내 드린 {0} 파일과 같은 폴더에 두고 실행해 주세요.";
    public string FileTooLarge { get; init; } = "{0} 파일({1:0.0} MB)은 텔레그램으로 보낼 수 있는 크기(50 MB)를 넘어 보내지 못했습니다. 서버에서 명령줄로 내려받아 주세요: dotnet run --project src/SurveyBot -- export --flow {2} --format {3}";
    public string ReportFailed { get; init; } = "죄송합니다. 요청하신 결과를 만들지 못했습니다. 잠시 후 다시 시도해 주세요.";
    public string DeleteConfirm { get; init; } =
        "이 대화에서 남기신 설문 응답 기록을 모두 삭제하시겠습니까?\n삭제한 기록은 되돌릴 수 없으며, 결과 자료에서도 빠집니다.";
    public string DeleteYes { get; init; } = "예, 삭제합니다";
    public string DeleteNo { get; init; } = "아니요";
    public string DeleteDone { get; init; } = "응답 기록을 모두 삭제했습니다. 그동안 참여해 주셔서 감사합니다.";
    public string DeleteCancelled { get; init; } = "삭제를 취소했습니다. 응답 기록은 그대로 남아 있습니다.";
    public string DeleteNothing { get; init; } = "삭제할 응답 기록이 없습니다.";
    public string DeleteExpired { get; init; } = "이 확인 버튼은 더 이상 유효하지 않습니다. 삭제를 원하시면 /delete 를 다시 입력해 주세요.";
    public string SomethingWentWrong { get; init; } = "죄송합니다. 요청을 처리하지 못했습니다. 잠시 후 다시 시도해 주세요.";
}
