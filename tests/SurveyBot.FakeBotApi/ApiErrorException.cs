namespace SurveyBot.FakeBotApi;

/// <summary>Thrown inside a method handler to answer with a Telegram error instead of a result.</summary>
internal sealed class ApiErrorException(int statusCode, string description, int? retryAfter = null)
    : Exception(description)
{
    public int StatusCode { get; } = statusCode;

    public string Description { get; } = description;

    public int? RetryAfter { get; } = retryAfter;

    public static ApiErrorException BadRequest(string detail) => new(400, "Bad Request: " + detail);
}
