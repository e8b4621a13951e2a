namespace SurveyBot.FakeBotApi;

/// <summary>Canonical names of the Bot API methods the fake understands, and which rules apply to each.</summary>
internal static class ApiMethods
{
    public const string GetMe = "getMe";
    public const string GetUpdates = "getUpdates";
    public const string SendMessage = "sendMessage";
    public const string EditMessageText = "editMessageText";
    public const string EditMessageReplyMarkup = "editMessageReplyMarkup";
    public const string EditMessageCaption = "editMessageCaption";
    public const string AnswerCallbackQuery = "answerCallbackQuery";
    public const string SendDocument = "sendDocument";
    public const string SendPhoto = "sendPhoto";
    public const string SetMyCommands = "setMyCommands";
    public const string GetMyCommands = "getMyCommands";
    public const string DeleteMyCommands = "deleteMyCommands";
    public const string DeleteWebhook = "deleteWebhook";
    public const string SetWebhook = "setWebhook";
    public const string GetWebhookInfo = "getWebhookInfo";
    public const string DeleteMessage = "deleteMessage";
    public const string SendChatAction = "sendChatAction";
    public const string GetFile = "getFile";
    public const string GetChat = "getChat";
    public const string LeaveChat = "leaveChat";

    /// <summary>Pseudo method under which file downloads (/file/bot{token}/{path}) are recorded.</summary>
    public const string DownloadFile = "downloadFile";

    /// <summary>Wildcard accepted by the fault methods to hit every method.</summary>
    public const string Any = "*";

    // Telegram matches method names case-insensitively, and SurveyBot's recorded calls are easier to assert
    // on when they all use one spelling.
    private static readonly Dictionary<string, string> Canonical = new(StringComparer.OrdinalIgnoreCase)
    {
        [GetMe] = GetMe,
        [GetUpdates] = GetUpdates,
        [SendMessage] = SendMessage,
        [EditMessageText] = EditMessageText,
        [EditMessageReplyMarkup] = EditMessageReplyMarkup,
        [EditMessageCaption] = EditMessageCaption,
        [AnswerCallbackQuery] = AnswerCallbackQuery,
        [SendDocument] = SendDocument,
        [SendPhoto] = SendPhoto,
        [SetMyCommands] = SetMyCommands,
        [GetMyCommands] = GetMyCommands,
        [DeleteMyCommands] = DeleteMyCommands,
        [DeleteWebhook] = DeleteWebhook,
        [SetWebhook] = SetWebhook,
        [GetWebhookInfo] = GetWebhookInfo,
        [DeleteMessage] = DeleteMessage,
        [SendChatAction] = SendChatAction,
        [GetFile] = GetFile,
        [GetChat] = GetChat,
        [LeaveChat] = LeaveChat,
        [DownloadFile] = DownloadFile,
    };

    public static string Canonicalize(string name) => Canonical.TryGetValue(name, out var canonical) ? canonical : name;

    public static bool IsKnown(string canonicalName) => Canonical.ContainsKey(canonicalName) && canonicalName != DownloadFile;

    /// <summary>The calls Telegram throttles that SurveyBot makes in volume.</summary>
    public static bool IsRateLimited(string method) =>
        method is SendMessage or SendDocument or SendPhoto or EditMessageText;

    /// <summary>Calls that fail with 403 once the respondent blocked the bot.</summary>
    public static bool IsBlockedByUser(string method) =>
        method is SendMessage or SendDocument or SendPhoto or SendChatAction
            or EditMessageText or EditMessageReplyMarkup or EditMessageCaption or DeleteMessage or LeaveChat;
}
