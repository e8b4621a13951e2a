using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SurveyBot.Supervision;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Logs each Bot API request (method, path with the token masked, status, elapsed time) at Debug. It replaces the
/// HTTP client factory's own request logging, which would write the full URL and with it the bot token.
/// </summary>
public sealed partial class RedactingHttpLoggingHandler(TokenRedactor redactor, ILogger<RedactingHttpLoggingHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (logger.IsEnabled(LogLevel.Debug))
            {
                LogResponse(logger, request.Method.Method, RedactedPath(request), (int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return response;
        }
        catch (Exception exception) when (logger.IsEnabled(LogLevel.Debug))
        {
            LogFailure(logger, request.Method.Method, RedactedPath(request), Stopwatch.GetElapsedTime(started).TotalMilliseconds, redactor.Describe(exception));
            throw;
        }
    }

    private string RedactedPath(HttpRequestMessage request) =>
        redactor.Redact(request.RequestUri?.AbsolutePath.TrimStart('/')) ?? string.Empty;

    [LoggerMessage(Level = LogLevel.Debug, Message = "{HttpMethod} {Path} answered {StatusCode} in {ElapsedMs:0} ms")]
    private static partial void LogResponse(ILogger logger, string httpMethod, string path, int statusCode, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{HttpMethod} {Path} failed after {ElapsedMs:0} ms: {Error}")]
    private static partial void LogFailure(ILogger logger, string httpMethod, string path, double elapsedMs, string error);
}
