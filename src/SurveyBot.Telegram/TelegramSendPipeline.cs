using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using SurveyBot.Staff;
using SurveyBot.Supervision;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Makes one Bot API call for a chat the way SurveyBot's outbox needs it: inside Telegram's send limits, retrying
/// what is transient (429 after exactly its retry_after; 5xx, network errors and timeouts with exponential backoff
/// and jitter) and reporting what is not (403 blocked, other 4xx) as a <see cref="SendResult{T}"/> instead of an
/// exception. Only cancellation of the caller's token throws.
/// </summary>
/// <remarks>
/// The limits are Telegram's as it states them (Bot FAQ; its engineers on tdlib/td #3034 and #2592): a chat takes
/// about one message a second with short bursts, sends and edits alike (<see cref="ChatPacer"/>); about 30 a second
/// across chats is for bulk notifications, so only unsolicited messages (reminders, <see cref="SendKind.Bulk"/>)
/// take from the bulk allowance shared with broadcasts (<see cref="SendWindow"/>), and replies to a
/// respondent's own action are not held by any global cap unless an operator sets one. A 429 slows its chat by its
/// retry_after; 429s from several chats at once slow every reply, and broadcasts a little longer, so replies go
/// first when the pause ends (<see cref="FloodControl"/>). Callback answers are not limited. The pipeline is a
/// singleton: the pacing state must be shared by every sender.
/// </remarks>
public sealed partial class TelegramSendPipeline : IDisposable
{
    private static readonly ResiliencePropertyKey<SendTicket> TicketKey = new("SurveyBot.Telegram.SendTicket");
    private static readonly ResiliencePropertyKey<BroadcastAttempt> BroadcastKey = new("SurveyBot.Telegram.BroadcastAttempt");

    private readonly ITelegramBotClient _bot;
    private readonly TokenRedactor _redactor;
    private readonly ILogger<TelegramSendPipeline> _logger;
    /// <summary>How much longer than replies broadcasts wait after the whole bot was slowed, so replies go out first.</summary>
    private static readonly TimeSpan BroadcastsAfterReplies = TimeSpan.FromSeconds(1);

    private readonly PartitionedRateLimiter<SendTicket>? _global;
    private readonly ChatPacer _perChat;
    private readonly FloodControl _flood = new();
    private readonly ResiliencePipeline _pipeline;
    private readonly ResiliencePipeline _broadcastPipeline;
    private readonly TimeSpan _requestTimeout;
    private readonly SendWindow? _window;
    private readonly SharedBulkAllowance? _shared;
    private readonly int _bulkPerSecond;

    /// <summary>How long every reply still waits because Telegram slowed the whole bot (zero when it need not).</summary>
    public TimeSpan BotWideWait => _flood.Wait();

    public TelegramSendPipeline(ITelegramBotClient bot, IOptions<TelegramOptions> options, TokenRedactor redactor, ILogger<TelegramSendPipeline> logger, SendWindow? window = null, IOptions<BroadcastOptions>? broadcast = null, SharedBulkAllowance? shared = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bot = bot;
        _redactor = redactor;
        _logger = logger;
        _window = window;
        _shared = shared;
        var settings = options.Value;
        _global = CreateGlobalCap(settings);
        _perChat = new ChatPacer(settings.PerChatMessagesPerSecond, settings.PerChatBurst);
        var broadcastSettings = broadcast?.Value ?? new BroadcastOptions();
        _bulkPerSecond = broadcastSettings.RateFor(paid: false);
        _requestTimeout = TimeSpan.FromSeconds(Math.Max(1, settings.RequestTimeoutSeconds));

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
                RateLimiter = args => AcquireAsync(args.Context.Properties.GetValue(TicketKey, default), args.Context.CancellationToken),
            })
            .AddTimeout(TimeSpan.FromSeconds(Math.Max(1, settings.RequestTimeoutSeconds)))
            .Build();
        _broadcastPipeline = BuildBroadcastPipeline(Math.Max(1, broadcastSettings.MaxAttempts));
    }

    /// <summary>
    /// Broadcasts retry a 429 after its retry_after for as long as Telegram asks (the recipient is not given up for
    /// Telegram's flood control), and a 5xx or network failure up to <see cref="BroadcastOptions.MaxAttempts"/> tries
    /// with a short exponential backoff. The request timeout is the call's own (see <see cref="BroadcastAsync"/>).
    /// </summary>
    private ResiliencePipeline BuildBroadcastPipeline(int maxAttempts) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            MaxRetryAttempts = int.MaxValue,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } error && IsTransient(error)
                && (RetryAfter(error) is not null || ++args.Context.Properties.GetValue(BroadcastKey, null!).TransientFailures < maxAttempts)),
            DelayGenerator = static args => ValueTask.FromResult(RetryAfter(args.Outcome.Exception)),
            OnRetry = OnBroadcastRetryAsync,
        })
        .AddRateLimiter(new RateLimiterStrategyOptions
        {
            RateLimiter = args => AcquireAsync(args.Context.Properties.GetValue(TicketKey, default), args.Context.CancellationToken),
        })
        .Build();

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
        var limited = kind is SendKind.Message or SendKind.Edit or SendKind.Bulk;
        context.Properties.Set(TicketKey, new SendTicket(chatId, limited, limited, kind == SendKind.Bulk));
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

    /// <summary>
    /// Sends one broadcast message to <paramref name="chatId"/>, taking the bulk allowance at <paramref name="rate"/> a
    /// second, with the broadcast's retries. Waiting (for a slot, or to retry) ends when <paramref name="waiting"/> is
    /// cancelled (staff cancelled the broadcast: nothing reached Telegram); a call already made is let finish unless
    /// <paramref name="calling"/> is cancelled (the bot stops), so its outcome is known.
    /// </summary>
    /// <exception cref="OperationCanceledException">When <paramref name="waiting"/> is cancelled; <see cref="BroadcastResult.Uncertain"/> then says whether an attempt may have reached Telegram.</exception>
    public async Task<SendResult<bool>> BroadcastAsync(long chatId, int rate, Func<ITelegramBotClient, CancellationToken, Task> call, BroadcastResult attempt, CancellationToken waiting, CancellationToken calling)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(attempt);
        var context = ResilienceContextPool.Shared.Get(waiting);
        context.Properties.Set(TicketKey, new SendTicket(chatId, CountsAsMessage: true, PacedPerChat: false, Bulk: true, BulkRate: rate, Broadcast: true));
        context.Properties.Set(BroadcastKey, new BroadcastAttempt());
        try
        {
            await _broadcastPipeline.ExecuteAsync(async _ =>
            {
                attempt.Attempts++;
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(calling);
                limit.CancelAfter(_requestTimeout);
                try
                {
                    await call(_bot, limit.Token).ConfigureAwait(false);
                }
                catch (ApiRequestException limited) when (limited.ErrorCode == 429)
                {
                    attempt.TooManyRequests++;
                    throw;
                }
                catch (OperationCanceledException) when (!calling.IsCancellationRequested)
                {
                    // The request timed out: it may have reached Telegram all the same.
                    attempt.Uncertain = true;
                    throw new TimeoutRejectedException();
                }
                catch (Exception error) when (error is not ApiRequestException && !calling.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
                {
                    // A dropped connection: the message may have reached Telegram all the same.
                    attempt.Uncertain = true;
                    throw;
                }
            }, context).ConfigureAwait(false);
            return new SendResult<bool>(SendOutcome.Sent, true, null, attempt.Attempts);
        }
        catch (OperationCanceledException) when (waiting.IsCancellationRequested || calling.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception error) when (!LoopSupervisor.IsFatal(error))
        {
            return Classify<bool>(chatId, SendKind.Bulk, error, attempt.Attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _global?.Dispose();

    /// <summary>
    /// Waits for everything the attempt must wait for: a bot-wide pause, its chat's pace, the operator's global cap
    /// (when set) and, for a bulk message, a slot of the bulk allowance.
    /// </summary>
    private async ValueTask<RateLimitLease> AcquireAsync(SendTicket ticket, CancellationToken cancellationToken)
    {
        if (!ticket.CountsAsMessage) return new PacedLease(null, null, null);
        if (_flood.Wait() is { Ticks: > 0 } pause) await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        if (ticket.PacedPerChat && _perChat.Reserve(ticket.ChatId) is { Ticks: > 0 } pace) await Task.Delay(pace, cancellationToken).ConfigureAwait(false);
        // The operator's cap is on replies; broadcasts have their own rate in the bulk allowance.
        var global = _global is null || ticket.Broadcast ? null : await _global.AcquireAsync(ticket, 1, cancellationToken).ConfigureAwait(false);
        var bulkRate = ticket.BulkRate > 0 ? ticket.BulkRate : _bulkPerSecond;
        var slot = ticket.Bulk && _window is not null ? await _window.TakeAsync(bulkRate, cancellationToken).ConfigureAwait(false) : null;
        // Last, so the call follows its bot-wide slot closely: instances sharing a database share the bot's bulk allowance.
        if (ticket.Bulk && _shared is not null) await _shared.TakeAsync(bulkRate, cancellationToken).ConfigureAwait(false);
        return new PacedLease(global, _window, slot, ticket.PacedPerChat ? _perChat : null, ticket.ChatId);
    }

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

    private async ValueTask OnRetryAsync(OnRetryArguments<object> args)
    {
        // A group's 429 is the group's own limit: only that chat waits, never the bot or its broadcasts.
        var ticket = args.Context.Properties.GetValue(TicketKey, default);
        if (RetryAfter(args.Outcome.Exception) is { } retryAfter)
        {
            _perChat.Pause(ticket.ChatId, retryAfter);
            // The bot as a whole (several chats at once) or the bulk allowance (a reminder): broadcasts wait too, a little longer than replies.
            if (!ChatIds.IsGroup(ticket.ChatId) && (_flood.Note(ticket.ChatId, retryAfter) || ticket.Bulk))
            {
                _window?.Pause(retryAfter + BroadcastsAfterReplies);
                if (_shared is not null) await _shared.PauseAsync(retryAfter + BroadcastsAfterReplies, args.Context.CancellationToken).ConfigureAwait(false);
            }
        }
        if (_logger.IsEnabled(LogLevel.Information))
        {
            var error = args.Outcome.Exception is { } exception ? _redactor.Describe(exception) : "no result";
            LogRetry(_logger, ticket.ChatId, args.AttemptNumber + 1, args.RetryDelay.TotalMilliseconds, error);
        }
    }

    private async ValueTask OnBroadcastRetryAsync(OnRetryArguments<object> args)
    {
        // Telegram's flood control covers the whole bot: every broadcast worker waits. A group's 429 is that group's own
        // limit: only this recipient waits (the retry's delay), the broadcast goes on.
        var ticket = args.Context.Properties.GetValue(TicketKey, default);
        if (RetryAfter(args.Outcome.Exception) is { } retryAfter && !ChatIds.IsGroup(ticket.ChatId))
        {
            _window?.Pause(retryAfter);
            if (_shared is not null) await _shared.PauseAsync(retryAfter, args.Context.CancellationToken).ConfigureAwait(false);
            LogBroadcastPaused(_logger, retryAfter.TotalSeconds);
        }
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

            // A callback answer made again after a restart comes too late for Telegram; the button's spinner
            // stopped by itself long ago, so there is nothing left to do.
            if (api.ErrorCode == 400 && kind == SendKind.CallbackAnswer && description.Contains("query is too old", StringComparison.OrdinalIgnoreCase))
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

    /// <summary>The operator's cap on messages across chats (Telegram__GlobalMessagesPerSecond); null when none is set, as by default.</summary>
    private static PartitionedRateLimiter<SendTicket>? CreateGlobalCap(TelegramOptions settings)
    {
        var global = settings.GlobalMessagesPerSecond;
        if (global <= 0) return null;
        // Telegram counts messages in any one-second window. A bucket holding a whole second's worth would allow
        // twice the rate in a window (a full bucket plus a second of refill), so it holds a fifth of a second's
        // worth: at most 1.2 x the configured rate in any window (25/s -> 30).
        var refill = Math.Max(1, global / 10);
        return PartitionedRateLimiter.Create<SendTicket, int>(_ => RateLimitPartition.Get(1, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(refill, (global + 4) / 5),
            TokensPerPeriod = refill,
            ReplenishmentPeriod = TimeSpan.FromSeconds((double)refill / global),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        })));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram call for chat {ChatId} failed on attempt {Attempt}, retrying in {DelayMs:0} ms: {Error}")]
    private static partial void LogRetry(ILogger logger, long chatId, int attempt, double delayMs, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcasts paused {Seconds} s after a 429")]
    private static partial void LogBroadcastPaused(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Chat {ChatId} blocked the bot: {Description}")]
    private static partial void LogBlocked(ILogger logger, long chatId, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram {Kind} for chat {ChatId} failed after {Attempts} attempt(s): {Reason}")]
    private static partial void LogFailed(ILogger logger, SendKind kind, long chatId, int attempts, string reason);
}
