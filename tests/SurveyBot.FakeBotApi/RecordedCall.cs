namespace SurveyBot.FakeBotApi;

/// <summary>One Bot API request SurveyBot made, as the fake server saw and answered it.</summary>
/// <param name="Method">The canonical method name (e.g. "sendMessage") whatever case SurveyBot used.</param>
/// <param name="Token">The bot token taken from the URL.</param>
/// <param name="ChatId">The chat the call targeted, if any.</param>
/// <param name="RequestJson">
/// The JSON body, or for form/multipart requests a JSON object of the form fields (uploaded parts appear as
/// {"file_name":..,"size":..}); empty when request bodies are not recorded.
/// </param>
/// <param name="StatusCode">The HTTP status returned; 0 when the connection was dropped on purpose.</param>
/// <param name="ErrorDescription">The error description for failed calls.</param>
/// <param name="TimestampUtc">When the request arrived.</param>
/// <param name="Duration">How long the server took to answer (includes long polling and injected delays).</param>
public sealed record RecordedCall(
    string Method,
    string Token,
    long? ChatId,
    string RequestJson,
    int StatusCode,
    string? ErrorDescription,
    DateTime TimestampUtc,
    TimeSpan Duration);
