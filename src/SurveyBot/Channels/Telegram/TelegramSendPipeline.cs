using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using SurveyBot.Supervision;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Makes one Bot API call for a chat the way SurveyBot's outbox needs it: inside Telegram's send limits, retrying
/// what is transient (429 after exactly its retry_after; 5xx, network errors and timeouts with exponential backoff
/// and jitter) and reporting what is not (403 blocked, other 4xx) as a <see cref="SendResult{T}"/> instead of an
/// exception. Only cancellation of the caller's token throws.
/// </summary>
/// <remarks>
/// Each attempt first waits for its chat's token bucket and then for the global one, so a chat pacing itself
/// holds no global capacity; callback answers and other calls skip both. The pipeline is a singleton: the
/// buckets must be shared by every sender.
/// </remarks>
public sealed partial class TelegramSendPipeline : IDisposable
{
    private static readonly ResiliencePropertyKey<SendTicket> TicketKey = new("SurveyBot.Telegram.SendTicket");

    private readonly ITelegramBotClient _bot;
    private readonly TokenRedactor _redactor;
    private readonly ILogger<TelegramSendPipeline> _logger;
    private readonly PartitionedRateLimiter<SendTicket> _limits;
    private readonly ResiliencePipeline _pipeline;
    private readonly Staff.SendWindow? _window;

    public TelegramSendPipeline(ITelegramBotClient bot, IOptions<TelegramOptions> options, TokenRedactor redactor, ILogger<TelegramSendPipeline> logger, Staff.SendWindow? window = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bot = bot;
        _redactor = redactor;
        _logger = logger;
        _window = window;
        var settings = options.Value;
        _limits = CreateLimits(settings);

        var builder = new ResiliencePipelineBuilder();
        if (settings.MaxSendAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = settings.MaxSendAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(Math.Max(1, settings.RetryBaseDelayMilliseconds)),
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception is { } error && IsTransient(error)),
                DelayGenerator = static args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception)),
                OnRetry = OnRetryAsync,
            });
        }

        _pipeline = builder
            .AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = async args =>
                {
                    var ticket = args.Context.Properties.GetValue(TicketKey, default);
                    var lease = await _limits.AcquireAsync(ticket, 1, args.Context.CancellationToken).ConfigureAwait(false);
                    // Replies count against the same per-second budget broadcasts use: a broadcast takes only what is left.
                    if (lease.IsAcquired && ticket.CountsAsMessage) window?.Record();
                    return lease;
                },
            })
            .AddTimeout(TimeSpan.FromSeconds(Math.Max(1, settings.RequestTimeoutSeconds)))
            .Build();
    }

    /// <summary>
    /// Makes <paramref name="call"/> for <paramref name="chatId"/> with limits and retries. The call must be
    /// idempotent enough to repeat: a retry after a lost response may deliver a message twice, which SurveyBot
    /// accepts over losing it.
    /// </summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> is cancelled.</exception>
    public async Task<SendResult<T>> SendAsync<T>(
        long chatId,
        SendKind kind,
        Func<ITelegramBotClient, CancellationToken, Task<T>> call,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(TicketKey, new SendTicket(chatId, kind is SendKind.Message or SendKind.Edit, kind is SendKind.Message));
        var state = new AttemptState<T>(_bot, call);
        try
        {
            var value = await _pipeline.ExecuteAsync(
                static async (ctx, s) =>
                {
                    s.Attempts++;
                    return await s.Call(s.Bot, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                state).ConfigureAwait(false);
            return new SendResult<T>(SendOutcome.Sent, value, null, state.Attempts);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error) when (!LoopSupervisor.IsFatal(error))
        {
            return Classify<T>(chatId, kind, error, state.Attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>As <see cref="SendAsync{T}"/> for calls that return nothing (answerCallbackQuery, deleteMessage).</summary>
    public Task<SendResult<bool>> SendAsync(
        long chatId,
        SendKind kind,
        Func<ITelegramBotClient, CancellationToken, Task> call,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return SendAsync(chatId, kind, async (bot, token) =>
        {
            await call(bot, token).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public void Dispose() => _limits.Dispose();

    /// <summary>429, 5xx, a dropped or refused connection and a timed-out attempt are worth repeating; other errors are not.</summary>
    internal static bool IsTransient(Exception error) => error switch
    {
        ApiRequestException api => api.ErrorCode == 429 || api.ErrorCode >= 500,
        RequestException request => request.HttpStatusCode is { } status && ((int)status >= 500 || (int)status == 429)
            || request.InnerException is HttpRequestException or IOException or SocketException or TimeoutException or TaskCanceledException,
        TimeoutRejectedException or HttpRequestException => true,
        _ => false,
    };

    /// <summary>Telegram says exactly how long to wait after a 429; anything else uses the backoff.</summary>
    private static TimeSpan? RetryAfter(Exception? error) =>
        error is ApiRequestException { ErrorCode: 429, Parameters.RetryAfter: int seconds } && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private ValueTask OnRetryAsync(OnRetryArguments<object> args)
    {
        // Flood control covers the whole bot: a reply's 429 pauses broadcasts too.
        if (RetryAfter(args.Outcome.Exception) is { } retryAfter) _window?.Pause(retryAfter);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var ticket = args.Context.Properties.GetValue(TicketKey, default);
            var error = args.Outcome.Exception is { } exception ? _redactor.Describe(exception) : "no result";
            LogRetry(_logger, ticket.ChatId, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, error);
        }

        return ValueTask.CompletedTask;
    }

    private SendResult<T> Classify<T>(long chatId, SendKind kind, Exception error, int attempts)
    {
        if (error is ApiRequestException api)
        {
            var description = _redactor.Redact(api.Message) ?? string.Empty;
            if (api.ErrorCode == 403)
            {
                LogBlocked(_logger, chatId, description);
                return new SendResult<T>(SendOutcome.Blocked, default, description, attempts);
            }

            if (api.ErrorCode == 400 && description.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
            {
                return new SendResult<T>(SendOutcome.Unchanged, default, null, attempts);
            }

            var reason = $"{api.ErrorCode} {description}";
            LogFailed(_logger, kind, chatId, attempts, reason);
            return new SendResult<T>(IsTransient(error) ? SendOutcome.Unavailable : SendOutcome.Failed, default, reason, attempts);
        }

        var described = _redactor.Describe(error);
        LogFailed(_logger, kind, chatId, attempts, described);
        return new SendResult<T>(IsTransient(error) ? SendOutcome.Unavailable : SendOutcome.Failed, default, described, attempts);
    }

    private static PartitionedRateLimiter<SendTicket> CreateLimits(TelegramOptions settings)
    {
        var perChat = PartitionedRateLimiter.Create<SendTicket, long>(ticket =>
            ticket.PacedPerChat && settings.PerChatMessagesPerSecond > 0
                ? RateLimitPartition.Get(ticket.ChatId, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, settings.PerChatBurst),
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1.0 / settings.PerChatMessagesPerSecond),
                    QueueLimit = int.MaxValue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                }))
                : RateLimitPartition.GetNoLimiter(long.MinValue));

        // Telegram counts messages in any one-second window. A bucket holding a whole second's worth would allow
        // twice the rate in a window (a full bucket plus a second of refill), so it holds a fifth of a second's
        // worth: at most 1.2 x the configured rate in any window (25/s -> 30).
        var global = settings.GlobalMessagesPerSecond;
        var refill = Math.Max(1, global / 10);
        var all = PartitionedRateLimiter.Create<SendTicket, int>(ticket =>
            ticket.CountsAsMessage && global > 0
                ? RateLimitPartition.Get(1, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(refill, (global + 4) / 5),
                    TokensPerPeriod = refill,
                    ReplenishmentPeriod = TimeSpan.FromSeconds((double)refill / global),
                    QueueLimit = int.MaxValue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                }))
                : RateLimitPartition.GetNoLimiter(0));

        // Each bucket refills on its own timer (AutoReplenishment): a partition refilled by the partitioned
        // limiter's heartbeat instead was seen to hand a fresh chat one message beyond its burst.
        return PartitionedRateLimiter.CreateChained(perChat, all);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram call for chat {ChatId} failed on attempt {Attempt}, retrying in {DelayMs:0} ms: {Error}")]
    private static partial void LogRetry(ILogger logger, long chatId, int attempt, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} blocked the bot: {Description}")]
    private static partial void LogBlocked(ILogger logger, long chatId, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram {Kind} for chat {ChatId} failed after {Attempts} attempt(s): {Reason}")]
    private static partial void LogFailed(ILogger logger, SendKind kind, long chatId, int attempts, string reason);
}
