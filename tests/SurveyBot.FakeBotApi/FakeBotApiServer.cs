using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityToolkit.HighPerformance.Buffers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SurveyBot.FakeBotApi;

/// <summary>
/// A Telegram Bot API server on loopback for SurveyBot's tests and benchmarks. SurveyBot talks to it with the
/// real Telegram.Bot client (base URL <see cref="BaseUrl"/>); tests play respondents by queueing updates and
/// read back what respondents would see. Faults (errors, delays, dropped connections, blocked users, flood
/// limits) can be injected to exercise SurveyBot's resilience.
/// </summary>
public sealed class FakeBotApiServer : IAsyncDisposable
{
    /// <summary>A token in Telegram's shape ("id:secret") that Telegram.Bot accepts.</summary>
    public const string DefaultToken = "123456:TEST-token-not-real";

    /// <summary>The bot's user id as returned by getMe.</summary>
    public const long BotId = 7000000001;

    /// <summary>The bot's first name as returned by getMe.</summary>
    public const string BotFirstName = "SurveyBot";

    /// <summary>The bot's username as returned by getMe.</summary>
    public const string BotUsername = "surveybot_test_bot";

    private const string MessageNotModified =
        "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

    private static readonly TimeSpan WaitFallbackPoll = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ConditionPoll = TimeSpan.FromMilliseconds(10);

    private readonly FakeBotApiOptions _options;
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly UpdateQueue _updates;
    private readonly WebhookDelivery _webhook;
    private readonly CallLog _calls;
    private readonly ConcurrentDictionary<long, ChatState> _chats = new();
    private readonly ConcurrentDictionary<long, UserProfile> _profiles = new();
    private readonly FileStore _files = new();
    private readonly FaultPlan _faults = new();
    private readonly SlidingWindowRateLimiter _rateLimiter = new();
    private readonly TelegramLimits _telegramLimits;
    private readonly ConcurrentDictionary<string, long> _openCallbackQueries = new(StringComparer.Ordinal);
    private readonly object _answersLock = new();
    private readonly List<CallbackAnswer> _answers = [];
    private BotCommandEntry[] _commands = [];
    private int _tooManyRequests;
    private int _disposed;

    private FakeBotApiServer(FakeBotApiOptions options)
    {
        _options = options;
        Token = options.Token;
        GlobalRateLimitPerSecond = options.GlobalRateLimitPerSecond;
        PerChatRateLimitPerSecond = options.PerChatRateLimitPerSecond;
        _telegramLimits = new TelegramLimits(options);
        _updates = new UpdateQueue(Math.Max(options.MaxRetainedConfirmedUpdates, 0));
        _webhook = new WebhookDelivery(_updates, options.WebhookRetryDelay, options.MaxRecordedCalls);
        _calls = new CallLog(options.MaxRecordedCalls);

        // The empty builder reads no configuration files or environment, so no file watchers pile up across
        // many servers in one test run and nothing logs per request.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(FakeBotApiServer).Assembly.GetName().Name,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 64L * 1024 * 1024;
        });
        builder.Services.AddRoutingCore();

        _app = builder.Build();
        // "bot{token}" is not used as a route segment: ASP.NET matches such complex segments from the right,
        // so a token that itself contains "bot" (e.g. "...surveybot...") would not match.
        _app.Map("/{bot}/{method}", new RequestDelegate(HandleApiAsync));
        _app.Map("/{bot}/test/{method}", new RequestDelegate(HandleApiAsync));
        _app.MapGet("/file/{bot}/{**path}", new RequestDelegate(HandleFileAsync));
        _app.MapFallback("{**path}", new RequestDelegate(HandleUnknownPathAsync));
    }

    /// <summary>The root URL to pass to TelegramBotClientOptions, e.g. "http://127.0.0.1:43123".</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The token SurveyBot should use (any token is accepted; calls record which one was used).</summary>
    public string Token { get; }

    /// <summary>Flood limit across all chats (sendMessage, sendDocument, sendPhoto, editMessageText); null = off.</summary>
    public int? GlobalRateLimitPerSecond { get; set; }

    /// <summary>Flood limit per chat for the same methods; null = off.</summary>
    public int? PerChatRateLimitPerSecond { get; set; }

    /// <summary>New messages counted against the bulk limits (<see cref="FakeBotApiOptions.BulkRateLimitPerSecond"/>) since start.</summary>
    public long BulkMessageCount => _telegramLimits.BulkMessages;

    /// <summary>How many 429 answers were given (flood limits and injected 429s).</summary>
    public int TooManyRequestsCount => Volatile.Read(ref _tooManyRequests);

    /// <summary>Recorded calls, oldest first (bounded by <see cref="FakeBotApiOptions.MaxRecordedCalls"/>).</summary>
    public IReadOnlyList<RecordedCall> Calls => _calls.Snapshot();

    /// <summary>The callback answers SurveyBot gave, in order.</summary>
    public IReadOnlyList<CallbackAnswer> CallbackAnswers
    {
        get
        {
            lock (_answersLock)
            {
                return [.. _answers];
            }
        }
    }

    /// <summary>The command menu from the latest setMyCommands (whatever its scope); empty after deleteMyCommands.</summary>
    public IReadOnlyList<BotCommandEntry> Commands => Volatile.Read(ref _commands);

    /// <summary>Updates not yet confirmed by getUpdates (plus any queued for redelivery).</summary>
    public int PendingUpdateCount => _updates.PendingCount;

    /// <summary>The highest update_id handed out so far (0 before the first update).</summary>
    public long LastUpdateId => _updates.LastUpdateId;

    /// <summary>Starts a server on 127.0.0.1 with a random free port.</summary>
    public static async Task<FakeBotApiServer> StartAsync(FakeBotApiOptions? options = null)
    {
        var server = new FakeBotApiServer(options ?? new FakeBotApiOptions());
        await server._app.StartAsync().ConfigureAwait(false);
        var addresses = server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        server.BaseUrl = addresses.Addresses.First().TrimEnd('/');
        return server;
    }

    /// <summary>The callback_query id of the update returned by <see cref="PressButton"/>.</summary>
    public static string CallbackQueryIdFor(long updateId) => $"cbq-{updateId}";

    // ---------------------------------------------------------------- respondents

    /// <summary>Gives a person the name and username their updates (and their private chat) carry from now on.</summary>
    public void SetProfile(long userId, UserProfile profile)
    {
        _profiles[userId] = profile;
        GetChat(userId).Profile = profile;
    }

    /// <summary>A respondent sends a text (commands like "/start abc" included). Returns the update_id.</summary>
    public long SendText(long chatId, string text, long? userId = null, string chatType = "private")
    {
        ArgumentNullException.ThrowIfNull(text);
        var chat = GetChat(chatId);
        chat.Type = chatType;
        return EnqueueMessage(chat, userId, "message", null, w =>
        {
            w.WriteString("text", text);
            if (text.StartsWith('/'))
            {
                // SurveyBot may rely on the bot_command entity Telegram attaches to commands.
                var end = text.AsSpan().IndexOfAny(' ', '\n');
                w.WriteStartArray("entities");
                w.WriteStartObject();
                w.WriteNumber("offset", 0);
                w.WriteNumber("length", end < 0 ? text.Length : end);
                w.WriteString("type", "bot_command");
                w.WriteEndObject();
                w.WriteEndArray();
            }
        });
    }

    /// <summary>A respondent presses an inline button. Returns the update_id; see <see cref="CallbackQueryIdFor"/>.</summary>
    public long PressButton(long chatId, int messageId, string callbackData, long? userId = null)
    {
        ArgumentNullException.ThrowIfNull(callbackData);
        var chat = GetChat(chatId);
        var from = userId ?? chatId;
        var message = chat.Find(messageId);
        chat.LastIncoming = Stopwatch.GetTimestamp();
        return _updates.Enqueue(updateId =>
        {
            var queryId = CallbackQueryIdFor(updateId);
            _openCallbackQueries[queryId] = chatId;
            return JsonOut.Build(w =>
            {
                w.WriteStartObject();
                w.WriteNumber("update_id", updateId);
                w.WriteStartObject("callback_query");
                w.WriteString("id", queryId);
                w.WritePropertyName("from");
                JsonOut.WriteRespondent(w, from, _options.UserLanguageCode, _profiles.GetValueOrDefault(from));
                w.WritePropertyName("message");
                if (message is not null)
                {
                    JsonOut.WriteBotMessage(w, message, chat);
                }
                else
                {
                    // Telegram marks messages it can no longer show with date 0 ("inaccessible message").
                    w.WriteStartObject();
                    w.WriteNumber("message_id", messageId);
                    w.WritePropertyName("chat");
                    JsonOut.WriteChat(w, chat);
                    w.WriteNumber("date", 0);
                    w.WriteEndObject();
                }

                w.WriteString("chat_instance", $"ci{chatId}");
                w.WriteString("data", callbackData);
                w.WriteEndObject();
                w.WriteEndObject();
            });
        });
    }

    /// <summary>
    /// A respondent presses the button labelled <paramref name="buttonText"/> on the newest bot message that
    /// shows it. Throws when no current keyboard in the chat has such a button.
    /// </summary>
    public long PressButtonWithText(long chatId, string buttonText, long? userId = null)
    {
        var messages = Messages(chatId);
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (messages[i].FindButton(buttonText) is { CallbackData: { } data })
            {
                return PressButton(chatId, messages[i].MessageId, data, userId);
            }
        }

        throw new InvalidOperationException($"No button \"{buttonText}\" in chat {chatId}. {DescribeChat(chatId)}");
    }

    /// <summary>A respondent sends a sticker (SurveyBot should reject non-text answers gracefully).</summary>
    public long SendSticker(long chatId, long? userId = null) =>
        EnqueueMessage(GetChat(chatId), userId, "message", null, w =>
        {
            w.WriteStartObject("sticker");
            w.WriteString("file_id", "CAACAgIAAx-fake-sticker");
            w.WriteString("file_unique_id", "AgADfakesticker");
            w.WriteString("type", "regular");
            w.WriteNumber("width", 512);
            w.WriteNumber("height", 512);
            w.WriteBoolean("is_animated", false);
            w.WriteBoolean("is_video", false);
            w.WriteString("emoji", "\U0001F44D");
            w.WriteEndObject();
        });

    /// <summary>A respondent sends a photo.</summary>
    public long SendPhoto(long chatId, long? userId = null)
    {
        var file = _files.Add("photos", "photo.jpg", "image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0xFF, 0xD9]);
        return EnqueueMessage(GetChat(chatId), userId, "message", null, w =>
        {
            w.WriteStartArray("photo");
            foreach (var size in (ReadOnlySpan<int>)[90, 800])
            {
                w.WriteStartObject();
                w.WriteString("file_id", file.FileId);
                w.WriteString("file_unique_id", file.FileUniqueId);
                w.WriteNumber("file_size", file.Bytes.Length);
                w.WriteNumber("width", size);
                w.WriteNumber("height", size);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>A respondent sends a voice note.</summary>
    public long SendVoice(long chatId, long? userId = null)
    {
        var file = _files.Add("voice", "voice.ogg", "audio/ogg", [0x4F, 0x67, 0x67, 0x53]);
        return EnqueueMessage(GetChat(chatId), userId, "message", null, w =>
        {
            w.WriteStartObject("voice");
            w.WriteString("file_id", file.FileId);
            w.WriteString("file_unique_id", file.FileUniqueId);
            w.WriteNumber("duration", 3);
            w.WriteString("mime_type", file.MimeType);
            w.WriteNumber("file_size", file.Bytes.Length);
            w.WriteEndObject();
        });
    }

    /// <summary>A respondent edits one of their earlier messages (an edited_message update).</summary>
    public long SendEditedText(long chatId, int messageId, string newText, long? userId = null)
    {
        ArgumentNullException.ThrowIfNull(newText);
        return EnqueueMessage(GetChat(chatId), userId, "edited_message", messageId, w =>
        {
            w.WriteNumber("edit_date", JsonOut.UnixTime(DateTime.UtcNow));
            w.WriteString("text", newText);
        });
    }

    /// <summary>
    /// A respondent sends a document (e.g. a survey definition file); SurveyBot can fetch it through getFile
    /// and the /file/bot{token}/{file_path} route.
    /// </summary>
    public long SendDocument(long chatId, string fileName, byte[] content, string? caption = null, long? userId = null)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);
        var file = _files.Add("documents", fileName, null, content);
        return EnqueueMessage(GetChat(chatId), userId, "message", null, w =>
        {
            w.WriteStartObject("document");
            w.WriteString("file_name", file.FileName);
            w.WriteString("mime_type", file.MimeType);
            w.WriteString("file_id", file.FileId);
            w.WriteString("file_unique_id", file.FileUniqueId);
            if (!_options.OmitFileSizes) w.WriteNumber("file_size", file.Bytes.Length);
            w.WriteEndObject();
            if (caption is not null)
            {
                w.WriteString("caption", caption);
            }
        });
    }

    /// <summary>Queues any update; the JSON is an update object without update_id (one is assigned).</summary>
    public long EnqueueRaw(string updateJsonWithoutId)
    {
        ArgumentNullException.ThrowIfNull(updateJsonWithoutId);
        if (JsonNode.Parse(updateJsonWithoutId) is not JsonObject update)
        {
            throw new ArgumentException("The update must be a JSON object.", nameof(updateJsonWithoutId));
        }

        update.Remove("update_id");
        return _updates.Enqueue(updateId => JsonOut.Build(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("update_id", updateId);
            foreach (var property in update)
            {
                w.WritePropertyName(property.Key);
                if (property.Value is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    property.Value.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }));
    }

    /// <summary>
    /// Makes updates from <paramref name="updateId"/> on that getUpdates already confirmed visible again:
    /// the next getUpdates returns them once more (same update_id) whatever its offset, simulating
    /// Telegram's at-least-once delivery.
    /// </summary>
    public void RedeliverFrom(long updateId) => _updates.RedeliverFrom(updateId);

    /// <summary>
    /// Telegram's documented jump: "if there are no new updates for at least a week, then identifier of the next
    /// update will be chosen randomly instead of sequentially". Updates so far count as confirmed; the next one gets
    /// <paramref name="nextUpdateId"/> (lower than ids already delivered, to test that SurveyBot does not take it for
    /// a redelivery), and an offset beyond the newest update confirms nothing.
    /// </summary>
    public void ContinueUpdateIdsAt(long nextUpdateId) => _updates.ContinueIdsAt(nextUpdateId);

    /// <summary>The message_id of the respondent's latest message in the chat (for <see cref="SendEditedText"/>).</summary>
    public int LastUserMessageId(long chatId) => _chats.TryGetValue(chatId, out var chat) ? chat.LastUserMessageId : 0;

    // ---------------------------------------------------------------- what respondents see

    /// <summary>The bot's messages in the chat, oldest first, in their current state (deleted ones removed).</summary>
    public IReadOnlyList<BotMessage> Messages(long chatId) =>
        _chats.TryGetValue(chatId, out var chat) ? chat.Messages : [];

    /// <summary>The bot's newest message in the chat, or null.</summary>
    public BotMessage? LastMessage(long chatId)
    {
        var messages = Messages(chatId);
        return messages.Count == 0 ? null : messages[^1];
    }

    /// <summary>How many calls of a method arrived (any case; faulted calls included).</summary>
    public int CallCount(string method) => _calls.Count(ApiMethods.Canonicalize(method));

    /// <summary>Forgets recorded calls and counts (e.g. between benchmark phases).</summary>
    public void ClearCalls() => _calls.Clear();

    /// <summary>A readable summary of the chat's latest bot messages, for assertion messages.</summary>
    public string DescribeChat(long chatId, int lastMessages = 5)
    {
        var messages = Messages(chatId);
        if (messages.Count == 0)
        {
            return $"Chat {chatId} has no bot messages.";
        }

        var text = new StringBuilder();
        text.Append(CultureInfoInvariant($"Chat {chatId} has {messages.Count} bot message(s); the last ones:"));
        for (var i = Math.Max(0, messages.Count - lastMessages); i < messages.Count; i++)
        {
            var m = messages[i];
            text.AppendLine().Append(CultureInfoInvariant($"  #{m.MessageId} [{m.Kind}"));
            if (m.EditCount > 0)
            {
                text.Append(CultureInfoInvariant($", edited {m.EditCount}x"));
            }

            text.Append("] \"").Append(Shorten(m.VisibleText, 300)).Append('"');
            if (m.FileName is not null)
            {
                text.Append(CultureInfoInvariant($" file={m.FileName} ({m.FileBytes?.Length ?? 0} bytes)"));
            }

            foreach (var row in m.InlineKeyboard)
            {
                text.Append(" |");
                foreach (var button in row)
                {
                    text.Append(" [").Append(button.Text).Append(" -> ").Append(button.CallbackData ?? button.Url).Append(']');
                }
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// Waits until a bot message in the chat satisfies <paramref name="predicate"/> and returns the newest
    /// such message. Wakes on every change in the chat, so a thousand concurrent waiters stay cheap.
    /// </summary>
    public async Task<BotMessage> WaitForMessageAsync(long chatId, Func<BotMessage, bool> predicate, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var chat = GetChat(chatId);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var changed = chat.Changed;
            var messages = chat.Messages;
            for (var i = messages.Count - 1; i >= 0; i--)
            {
                if (predicate(messages[i]))
                {
                    return messages[i];
                }
            }

            var remaining = timeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"No bot message in chat {chatId} matched within {timeout.TotalMilliseconds:0} ms. {DescribeChat(chatId)}{Environment.NewLine}{DescribeRecentCalls(chatId)}");
            }

            await Task.WhenAny(changed, Task.Delay(remaining < WaitFallbackPoll ? remaining : WaitFallbackPoll)).ConfigureAwait(false);
        }
    }

    /// <summary>Polls <paramref name="condition"/> every ~10 ms; the timeout message shows the chat's latest messages when a chat is given.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, long? chatId = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var started = Stopwatch.GetTimestamp();
        while (!condition())
        {
            if (Stopwatch.GetElapsedTime(started) >= timeout)
            {
                var chat = chatId is long id ? DescribeChat(id) + Environment.NewLine : string.Empty;
                throw new TimeoutException(
                    $"Condition not met within {timeout.TotalMilliseconds:0} ms. {chat}{DescribeRecentCalls(chatId)}");
            }

            await Task.Delay(ConditionPoll).ConfigureAwait(false);
        }
    }

    // ---------------------------------------------------------------- faults

    /// <summary>
    /// The next <paramref name="count"/> calls of <paramref name="method"/> ("*" = any) fail with the status
    /// and Telegram's description for it; 429s carry parameters.retry_after (default 1 second).
    /// </summary>
    public void FailNext(string method, int count, int statusCode, int? retryAfter = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (statusCode == 429)
        {
            retryAfter ??= 1;
        }

        _faults.Add(new FaultEntry(FaultKind.Fail, NormalizeFaultMethod(method), count)
        {
            StatusCode = statusCode,
            RetryAfter = retryAfter,
            Description = description,
        });
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> are answered after <paramref name="delay"/>.</summary>
    public void DelayNext(string method, int count, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(method);
        _faults.Add(new FaultEntry(FaultKind.Delay, NormalizeFaultMethod(method), count) { Delay = delay });
    }

    /// <summary>The next <paramref name="count"/> calls of <paramref name="method"/> get their connection aborted without a response.</summary>
    public void DropNext(string method, int count)
    {
        ArgumentNullException.ThrowIfNull(method);
        _faults.Add(new FaultEntry(FaultKind.Drop, NormalizeFaultMethod(method), count));
    }

    /// <summary>Removes all pending FailNext/DelayNext/DropNext faults.</summary>
    public void ClearFaults() => _faults.Clear();

    /// <summary>The respondent blocks the bot: sends, edits, deletes and chat actions to the chat answer 403.</summary>
    public void BlockChat(long chatId) => GetChat(chatId).Blocked = true;

    /// <summary>Whether the bot left the chat with leaveChat.</summary>
    public bool HasLeft(long chatId) => _chats.TryGetValue(chatId, out var chat) && chat.Left;

    /// <summary>The URL set with setWebhook; empty while updates are left for getUpdates.</summary>
    public string WebhookUrl => _webhook.Url;

    /// <summary>The secret_token given with setWebhook (sent with every webhook call), or null.</summary>
    public string? WebhookSecret => _webhook.Secret;

    /// <summary>The max_connections given with setWebhook (Telegram's default 40).</summary>
    public int WebhookMaxConnections => _webhook.MaxConnections;

    /// <summary>The allowed_updates given with setWebhook, as the JSON array the bot sent, or null.</summary>
    public string? WebhookAllowedUpdates => _webhook.AllowedUpdatesJson;

    /// <summary>Every webhook call made so far (the newest <see cref="FakeBotApiOptions.MaxRecordedCalls"/>), in order.</summary>
    public IReadOnlyList<WebhookCall> WebhookCalls => _webhook.Calls;

    /// <summary>How many webhook calls were made in all (the log keeps only the newest).</summary>
    public long WebhookCallCount => _webhook.CallCount;

    /// <summary>
    /// Runs after a webhook call was answered 2xx and before its update is confirmed, on the delivering thread: a test
    /// can kill the bot at the moment Telegram would forget the update.
    /// </summary>
    public Action<WebhookCall>? AfterWebhookSuccess
    {
        get => _webhook.AfterSuccess;
        set => _webhook.AfterSuccess = value;
    }

    /// <summary>
    /// Spreads webhook calls round-robin over <paramref name="urls"/> (a load balancer in front of several instances);
    /// with none, calls go to the URL set with setWebhook again.
    /// </summary>
    public void SpreadWebhookOver(params string[] urls) => _webhook.SpreadOver(urls);

    /// <summary>The respondent unblocks the bot.</summary>
    public void UnblockChat(long chatId) => GetChat(chatId).Blocked = false;

    /// <summary>Stops the server; pending long polls return an empty result first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _shutdown.CancelAsync().ConfigureAwait(false);
        await _webhook.DisposeAsync().ConfigureAwait(false);
        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await _app.StopAsync(stopTimeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Connections still open after the grace period are cut; nothing left to wait for.
            }
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _shutdown.Dispose();
    }

    // ---------------------------------------------------------------- HTTP handling

    private async Task HandleApiAsync(HttpContext context)
    {
        var arrivedUtc = DateTime.UtcNow;
        var started = Stopwatch.GetTimestamp();
        if (!TryGetToken(context, out var token))
        {
            await HandleUnknownPathAsync(context).ConfigureAwait(false);
            return;
        }

        var method = ApiMethods.Canonicalize(context.Request.RouteValues["method"] as string ?? string.Empty);
        var aborted = context.RequestAborted;
        _calls.CountArrival(method);

        ApiRequest? request = null;
        long? chatId = null;
        try
        {
            request = await ApiRequest.ReadAsync(context.Request, _options.RecordRequestBodies, aborted).ConfigureAwait(false);
            chatId = request.ChatIdOrNull();

            if (await ApplyConnectionFaultsAsync(method, context).ConfigureAwait(false))
            {
                Record(method, token, chatId, request.Raw, 0, "connection dropped", arrivedUtc, started);
                return;
            }

            if (!ApiMethods.IsKnown(method))
            {
                throw new ApiErrorException(404, "Not Found");
            }

            if (chatId is long target && ApiMethods.IsBlockedByUser(method)
                && _chats.TryGetValue(target, out var chat) && chat.Blocked)
            {
                throw new ApiErrorException(403, "Forbidden: bot was blocked by the user");
            }

            if (chatId is long member && ApiMethods.IsBlockedByUser(method)
                && _chats.TryGetValue(member, out var left) && left.Left)
            {
                throw new ApiErrorException(403, "Forbidden: bot is not a member of the group chat");
            }

            if (ApiMethods.IsRateLimited(method))
            {
                var global = GlobalRateLimitPerSecond;
                var perChat = PerChatRateLimitPerSecond;
                if ((global is not null || perChat is not null)
                    && !_rateLimiter.TryAcquire(chatId, global, perChat, out var retryAfter))
                {
                    throw new ApiErrorException(429, $"Too Many Requests: retry after {retryAfter}", retryAfter);
                }

                if (chatId is long limitedChat
                    && !_telegramLimits.TryAcquire(limitedChat, method != ApiMethods.EditMessageText, request.GetBoolean("allow_paid_broadcast"),
                        _chats.TryGetValue(limitedChat, out var limitedState) ? limitedState.LastIncoming : 0, out var chatRetryAfter))
                {
                    throw new ApiErrorException(429, $"Too Many Requests: retry after {chatRetryAfter}", chatRetryAfter);
                }
            }

            // Pooled: a fresh growing buffer per reply was most of what this server allocated under load.
            using var buffer = new ArrayPoolBufferWriter<byte>(JsonOut.ReplyBufferSize);
            using (var writer = new Utf8JsonWriter(buffer, JsonOut.WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteBoolean("ok", true);
                writer.WritePropertyName("result");
                if (method == ApiMethods.GetUpdates && _webhook.IsSet)
                {
                    throw new ApiErrorException(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
                }

                if (method == ApiMethods.SetWebhook)
                {
                    await SetWebhookAsync(request).ConfigureAwait(false);
                }
                else if (method == ApiMethods.DeleteWebhook)
                {
                    await _webhook.DeleteAsync().ConfigureAwait(false);
                }

                if (method == ApiMethods.GetUpdates)
                {
                    await WriteUpdatesAsync(request, writer, aborted).ConfigureAwait(false);
                }
                else
                {
                    Dispatch(method, request, writer, ref chatId);
                }

                writer.WriteEndObject();
            }

            Record(method, token, chatId, request.Raw, 200, null, arrivedUtc, started);
            await WriteBodyAsync(context, 200, "application/json", buffer.WrittenMemory).ConfigureAwait(false);
        }
        catch (ApiErrorException error)
        {
            if (error.StatusCode == 429)
            {
                Interlocked.Increment(ref _tooManyRequests);
            }

            Record(method, token, chatId, request?.Raw ?? string.Empty, error.StatusCode, error.Description, arrivedUtc, started);
            await WriteErrorAsync(context, error).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested || _shutdown.IsCancellationRequested)
        {
            // SurveyBot gave up on the request (or the server is stopping); there is nobody to answer.
            Record(method, token, chatId, request?.Raw ?? string.Empty, 499, "client closed request", arrivedUtc, started);
            context.Abort();
        }
        catch (Exception exception) when (exception is not OperationCanceledException && !aborted.IsCancellationRequested)
        {
            // A bug in the fake must not look like a hang to SurveyBot: answer like Telegram's 500.
            var error = new ApiErrorException(500, "Internal Server Error: " + exception.Message);
            Record(method, token, chatId, request?.Raw ?? string.Empty, 500, error.Description, arrivedUtc, started);
            await WriteErrorAsync(context, error).ConfigureAwait(false);
        }
        finally
        {
            request?.Dispose();
        }
    }

    /// <summary>Applies DelayNext/DropNext/FailNext; returns true when the connection was dropped.</summary>
    private async Task<bool> ApplyConnectionFaultsAsync(string method, HttpContext context)
    {
        if (_faults.Take(FaultKind.Delay, method) is { } delay)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown.Token);
            await Task.Delay(delay.Delay, linked.Token).ConfigureAwait(false);
        }

        var outcome = _faults.Take(FaultKind.Fail, FaultKind.Drop, method);
        if (outcome is { Kind: FaultKind.Drop })
        {
            context.Abort();
            return true;
        }

        if (outcome is { } failure)
        {
            throw new ApiErrorException(
                failure.StatusCode,
                failure.Description ?? DescribeStatus(failure.StatusCode, failure.RetryAfter),
                failure.RetryAfter);
        }

        return false;
    }

    private async Task HandleFileAsync(HttpContext context)
    {
        var arrivedUtc = DateTime.UtcNow;
        var started = Stopwatch.GetTimestamp();
        if (!TryGetToken(context, out var token))
        {
            await HandleUnknownPathAsync(context).ConfigureAwait(false);
            return;
        }

        var path = context.Request.RouteValues["path"] as string ?? string.Empty;
        _calls.CountArrival(ApiMethods.DownloadFile);
        try
        {
            if (await ApplyConnectionFaultsAsync(ApiMethods.DownloadFile, context).ConfigureAwait(false))
            {
                Record(ApiMethods.DownloadFile, token, null, path, 0, "connection dropped", arrivedUtc, started);
                return;
            }

            var file = _files.ByPath(path) ?? throw new ApiErrorException(404, "Not Found");
            Record(ApiMethods.DownloadFile, token, null, path, 200, null, arrivedUtc, started);
            await WriteBodyAsync(context, 200, file.MimeType, file.Bytes).ConfigureAwait(false);
        }
        catch (ApiErrorException error)
        {
            Record(ApiMethods.DownloadFile, token, null, path, error.StatusCode, error.Description, arrivedUtc, started);
            await WriteErrorAsync(context, error).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _shutdown.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private static bool TryGetToken(HttpContext context, out string token)
    {
        var segment = context.Request.RouteValues["bot"] as string;
        token = segment is { Length: > 3 } && segment.StartsWith("bot", StringComparison.Ordinal) ? segment[3..] : string.Empty;
        return token.Length > 0;
    }

    private static Task HandleUnknownPathAsync(HttpContext context) =>
        WriteErrorAsync(context, new ApiErrorException(404, "Not Found"));

    /// <summary>setWebhook as Telegram checks it; an empty url removes the webhook, as Telegram's does.</summary>
    private async Task SetWebhookAsync(ApiRequest request)
    {
        var url = request.GetString("url") ?? string.Empty;
        if (url.Length == 0)
        {
            await _webhook.DeleteAsync().ConfigureAwait(false);
            return;
        }

        // Telegram wants https on a few ports; like a local Bot API server, the fake also takes http on loopback.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            throw ApiErrorException.BadRequest("bad webhook: An HTTPS URL must be provided for webhook");
        }

        var secret = request.GetString("secret_token");
        if (secret is not null && (secret.Length is 0 or > 256 || !secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
        {
            throw ApiErrorException.BadRequest("secret token contains unallowed characters");
        }

        var maxConnections = (int)Math.Clamp(request.GetInt64("max_connections") ?? 40, 1, 100);
        var allowed = request.GetJson("allowed_updates")?.GetRawText();
        await _webhook.SetAsync(url, secret, maxConnections, allowed).ConfigureAwait(false);
    }

    private async Task WriteUpdatesAsync(ApiRequest request, Utf8JsonWriter writer, CancellationToken aborted)
    {
        var offset = request.GetInt64("offset");
        var limit = (int)Math.Clamp(request.GetInt64("limit") ?? 100, 1, 100);
        var timeout = TimeSpan.FromSeconds(Math.Clamp(request.GetInt64("timeout") ?? 0, 0, 600));
        var batch = new List<UpdateEntry>();
        var started = Stopwatch.GetTimestamp();
        CancellationTokenSource? linked = null;
        try
        {
            while (!_updates.TryTake(offset, limit, batch, out var arrival))
            {
                var remaining = timeout - Stopwatch.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero || _shutdown.IsCancellationRequested)
                {
                    break;
                }

                linked ??= CancellationTokenSource.CreateLinkedTokenSource(aborted, _shutdown.Token);
                try
                {
                    await arrival.WaitAsync(remaining, linked.Token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Long poll expired; one last look below, then an empty result like Telegram's.
                }
                catch (OperationCanceledException) when (_shutdown.IsCancellationRequested && !aborted.IsCancellationRequested)
                {
                    break;
                }
            }
        }
        finally
        {
            linked?.Dispose();
        }

        writer.WriteStartArray();
        foreach (var update in batch)
        {
            writer.WriteRawValue(update.Json, skipInputValidation: true);
        }

        writer.WriteEndArray();
    }

    private void Dispatch(string method, ApiRequest request, Utf8JsonWriter w, ref long? chatId)
    {
        switch (method)
        {
            case ApiMethods.GetMe:
                w.WriteStartObject();
                w.WriteNumber("id", BotId);
                w.WriteBoolean("is_bot", true);
                w.WriteString("first_name", BotFirstName);
                w.WriteString("username", BotUsername);
                w.WriteBoolean("can_join_groups", true);
                w.WriteBoolean("can_read_all_group_messages", false);
                w.WriteBoolean("supports_inline_queries", false);
                w.WriteEndObject();
                break;
            case ApiMethods.SendMessage:
                WriteMessage(w, SendTextMessage(request));
                break;
            case ApiMethods.SendDocument:
                WriteMessage(w, SendMedia(request, "document", "documents"));
                break;
            case ApiMethods.SendPhoto:
                WriteMessage(w, SendMedia(request, "photo", "photos"));
                break;
            case ApiMethods.EditMessageText:
            case ApiMethods.EditMessageReplyMarkup:
            case ApiMethods.EditMessageCaption:
                if (request.Has("inline_message_id"))
                {
                    // Inline-mode messages are not tracked; Telegram answers true for them.
                    w.WriteBooleanValue(true);
                    break;
                }

                WriteMessage(w, Edit(method, request));
                break;
            case ApiMethods.DeleteMessage:
                DeleteMessage(request);
                w.WriteBooleanValue(true);
                break;
            case ApiMethods.AnswerCallbackQuery:
                chatId = AnswerCallbackQuery(request);
                w.WriteBooleanValue(true);
                break;
            case ApiMethods.SendChatAction:
                request.RequireChatId();
                if (string.IsNullOrEmpty(request.GetString("action")))
                {
                    throw ApiErrorException.BadRequest("wrong parameter action in request");
                }

                w.WriteBooleanValue(true);
                break;
            case ApiMethods.SetMyCommands:
                SetMyCommands(request);
                w.WriteBooleanValue(true);
                break;
            case ApiMethods.GetMyCommands:
                w.WriteStartArray();
                foreach (var command in Commands)
                {
                    w.WriteStartObject();
                    w.WriteString("command", command.Command);
                    w.WriteString("description", command.Description);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                break;
            case ApiMethods.DeleteMyCommands:
                Volatile.Write(ref _commands, []);
                w.WriteBooleanValue(true);
                break;
            case ApiMethods.DeleteWebhook:
                if (request.GetBoolean("drop_pending_updates"))
                {
                    _updates.DropPending();
                }

                w.WriteBooleanValue(true);
                break;
            case ApiMethods.SetWebhook:
                w.WriteBooleanValue(true);
                break;
            case ApiMethods.GetWebhookInfo:
                w.WriteStartObject();
                w.WriteString("url", _webhook.Url);
                w.WriteBoolean("has_custom_certificate", false);
                w.WriteNumber("pending_update_count", _updates.PendingCount);
                if (_webhook.IsSet)
                {
                    w.WriteNumber("max_connections", _webhook.MaxConnections);
                    if (_webhook.LastErrorUtc is DateTime failedAt)
                    {
                        w.WriteNumber("last_error_date", new DateTimeOffset(failedAt).ToUnixTimeSeconds());
                        w.WriteString("last_error_message", _webhook.LastErrorMessage);
                    }
                }

                w.WriteEndObject();
                break;
            case ApiMethods.GetFile:
                var fileId = request.GetString("file_id");
                var file = string.IsNullOrEmpty(fileId) ? null : _files.ById(fileId);
                JsonOut.WriteFile(w, file ?? throw ApiErrorException.BadRequest("invalid file_id"), !_options.OmitFileSizes);
                break;
            case ApiMethods.GetChat:
                JsonOut.WriteChat(w, GetChat(request.RequireChatId()));
                break;
            case ApiMethods.LeaveChat:
                GetChat(request.RequireChatId()).Left = true;
                w.WriteBooleanValue(true);
                break;
            default:
                throw new ApiErrorException(404, "Not Found");
        }
    }

    private (BotMessage Message, ChatState Chat) SendTextMessage(ApiRequest request)
    {
        var chatId = request.RequireChatId();
        var text = request.GetString("text");
        var parseMode = request.GetString("parse_mode");
        var visible = VisibleText(text, parseMode);
        if (string.IsNullOrWhiteSpace(visible))
        {
            throw ApiErrorException.BadRequest("message text is empty");
        }

        if (visible.Length > 4096)
        {
            throw ApiErrorException.BadRequest("message is too long");
        }

        var markup = ReplyMarkup.From(request);
        var chat = GetChat(chatId);
        var now = DateTime.UtcNow;
        var message = chat.Add(messageId => new BotMessage
        {
            ChatId = chatId,
            MessageId = messageId,
            Kind = "text",
            Text = text!,
            VisibleText = visible,
            ParseMode = parseMode,
            InlineKeyboard = markup.InlineKeyboard,
            ReplyMarkupJson = markup.RawJson,
            SentAtUtc = now,
        });
        return (message, chat);
    }

    private (BotMessage Message, ChatState Chat) SendMedia(ApiRequest request, string field, string folder)
    {
        var chatId = request.RequireChatId();
        var input = request.GetInputFile(field) ?? throw ApiErrorException.BadRequest($"there is no {field} in the request");
        StoredFile file;
        if (input.Upload is { } upload)
        {
            if (upload.Bytes.Length == 0)
            {
                throw ApiErrorException.BadRequest("file must be non-empty");
            }

            var name = string.IsNullOrEmpty(upload.FileName) ? (field == "photo" ? "photo.jpg" : "document") : upload.FileName;
            file = _files.Add(folder, name, upload.ContentType, upload.Bytes);
        }
        else if (input.FileId is { } fileId)
        {
            file = _files.ById(fileId) ?? throw ApiErrorException.BadRequest("wrong file identifier/HTTP URL specified");
        }
        else
        {
            // No internet behind the fake: a URL becomes an empty file named after its last segment.
            var url = new Uri(input.Url!);
            var name = Path.GetFileName(url.AbsolutePath);
            file = _files.Add(folder, string.IsNullOrEmpty(name) ? "file" : name, null, []);
        }

        var caption = request.GetString("caption");
        var parseMode = request.GetString("parse_mode");
        var visible = caption is null ? string.Empty : VisibleText(caption, parseMode);
        if (visible.Length > 1024)
        {
            throw ApiErrorException.BadRequest("message caption is too long");
        }

        var markup = ReplyMarkup.From(request);
        var chat = GetChat(chatId);
        var now = DateTime.UtcNow;
        var message = chat.Add(messageId => new BotMessage
        {
            ChatId = chatId,
            MessageId = messageId,
            Kind = field,
            Text = caption ?? string.Empty,
            VisibleText = visible,
            Caption = caption,
            ParseMode = parseMode,
            FileName = file.FileName,
            FileBytes = file.Bytes,
            MimeType = file.MimeType,
            FileId = file.FileId,
            InlineKeyboard = markup.InlineKeyboard,
            ReplyMarkupJson = markup.RawJson,
            SentAtUtc = now,
        });
        return (message, chat);
    }

    private (BotMessage Message, ChatState Chat) Edit(string method, ApiRequest request)
    {
        var chatId = request.RequireChatId();
        var messageId = request.RequireMessageId();
        var markup = ReplyMarkup.From(request);
        var parseMode = request.GetString("parse_mode");
        string? text = null;
        string? visible = null;
        if (method == ApiMethods.EditMessageText)
        {
            text = request.GetString("text");
            visible = VisibleText(text, parseMode);
            if (string.IsNullOrWhiteSpace(visible))
            {
                throw ApiErrorException.BadRequest("message text is empty");
            }

            if (visible.Length > 4096)
            {
                throw ApiErrorException.BadRequest("MESSAGE_TOO_LONG");
            }
        }
        else if (method == ApiMethods.EditMessageCaption)
        {
            text = request.GetString("caption") ?? string.Empty;
            visible = VisibleText(text, parseMode);
            if (visible.Length > 1024)
            {
                throw ApiErrorException.BadRequest("message caption is too long");
            }
        }

        if (!_chats.TryGetValue(chatId, out var chat))
        {
            throw ApiErrorException.BadRequest("message to edit not found");
        }

        var updated = chat.Update(messageId, current =>
        {
            if (method == ApiMethods.EditMessageText && current.Kind != "text")
            {
                throw ApiErrorException.BadRequest("there is no text in the message to edit");
            }

            if (method == ApiMethods.EditMessageCaption && current.Kind == "text")
            {
                throw ApiErrorException.BadRequest("there is no caption in the message to edit");
            }

            var newText = text ?? current.Text;
            if (_options.RejectUnmodifiedEdits && newText == current.Text
                && ReplyMarkup.SameKeyboard(current.InlineKeyboard, markup.InlineKeyboard))
            {
                throw ApiErrorException.BadRequest(MessageNotModified);
            }

            return current with
            {
                Text = newText,
                VisibleText = visible ?? current.VisibleText,
                Caption = method == ApiMethods.EditMessageCaption ? text : current.Caption,
                ParseMode = text is null ? current.ParseMode : parseMode,
                InlineKeyboard = markup.InlineKeyboard,
                ReplyMarkupJson = markup.RawJson,
                EditCount = current.EditCount + 1,
                EditedAtUtc = DateTime.UtcNow,
            };
        }, "message to edit not found");
        return (updated, chat);
    }

    private void DeleteMessage(ApiRequest request)
    {
        var chatId = request.RequireChatId();
        var messageId = request.GetInt64("message_id");
        if (messageId is null || messageId > int.MaxValue || !_chats.TryGetValue(chatId, out var chat) || !chat.Remove((int)messageId.Value))
        {
            throw ApiErrorException.BadRequest("message to delete not found");
        }
    }

    private long? AnswerCallbackQuery(ApiRequest request)
    {
        var queryId = request.GetString("callback_query_id");
        if (string.IsNullOrEmpty(queryId))
        {
            throw ApiErrorException.BadRequest("query_id is empty");
        }

        var text = request.GetString("text");
        if (text is { Length: > 200 })
        {
            throw ApiErrorException.BadRequest("MESSAGE_TOO_LONG");
        }

        long? chatId = null;
        if (_openCallbackQueries.TryRemove(queryId, out var chat))
        {
            chatId = chat;
        }
        else if (_options.RejectUnknownCallbackQueries)
        {
            throw ApiErrorException.BadRequest("query is too old and response timeout expired or query ID is invalid");
        }

        var answer = new CallbackAnswer(queryId, chatId, text, request.GetBoolean("show_alert"), DateTime.UtcNow);
        lock (_answersLock)
        {
            _answers.Add(answer);
        }

        return chatId;
    }

    private void SetMyCommands(ApiRequest request)
    {
        if (request.GetJson("commands") is not JsonElement { ValueKind: JsonValueKind.Array } commands)
        {
            throw ApiErrorException.BadRequest("parameter \"commands\" is required");
        }

        var entries = new List<BotCommandEntry>();
        foreach (var item in commands.EnumerateArray())
        {
            var command = item.TryGetProperty("command", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : string.Empty;
            var description = item.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString()! : string.Empty;
            command = command.TrimStart('/');
            if (command.Length is 0 or > 32 || !command.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_'))
            {
                throw ApiErrorException.BadRequest("BOT_COMMAND_INVALID");
            }

            if (description.Length is 0 or > 256)
            {
                throw ApiErrorException.BadRequest("command description is empty or too long");
            }

            entries.Add(new BotCommandEntry(command, description));
        }

        Volatile.Write(ref _commands, [.. entries]);
    }

    // ---------------------------------------------------------------- helpers

    private ChatState GetChat(long chatId) => _chats.GetOrAdd(chatId, static (id, keep) => new ChatState(id, keep), _options.MaxMessagesPerChat);

    private string VisibleText(string? text, string? parseMode)
    {
        if (text is null)
        {
            return string.Empty;
        }

        return TelegramHtml.IsHtml(parseMode) ? TelegramHtml.ToVisibleText(text, _options.ValidateHtml) : text;
    }

    private long EnqueueMessage(ChatState chat, long? userId, string updateKind, int? messageId, Action<Utf8JsonWriter> content)
    {
        var from = userId ?? chat.Id;
        var id = messageId ?? chat.AllocateUserMessageId();
        chat.LastIncoming = Stopwatch.GetTimestamp();
        var date = JsonOut.UnixTime(DateTime.UtcNow);
        var language = _options.UserLanguageCode;
        return _updates.Enqueue(updateId => JsonOut.Build(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("update_id", updateId);
            w.WriteStartObject(updateKind);
            JsonOut.WriteIncomingHeader(w, id, from, chat, date, language, _profiles.GetValueOrDefault(from));
            content(w);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static void WriteMessage(Utf8JsonWriter w, (BotMessage Message, ChatState Chat) sent) =>
        JsonOut.WriteBotMessage(w, sent.Message, sent.Chat);

    private void Record(string method, string token, long? chatId, string body, int status, string? error, DateTime arrivedUtc, long started) =>
        _calls.Add(new RecordedCall(method, token, chatId, body, status, error, arrivedUtc, Stopwatch.GetElapsedTime(started)));

    private string DescribeRecentCalls(long? chatId)
    {
        var recent = _calls.Snapshot(200)
            .Where(c => chatId is null || c.ChatId == chatId)
            .TakeLast(8)
            .ToList();
        if (recent.Count == 0)
        {
            return chatId is null ? "No recent Bot API calls." : $"No recent Bot API calls for chat {chatId}.";
        }

        var text = new StringBuilder(chatId is null ? "Recent Bot API calls:" : $"Recent Bot API calls for chat {chatId}:");
        foreach (var call in recent)
        {
            text.AppendLine().Append(CultureInfoInvariant($"  {call.TimestampUtc:HH:mm:ss.fff} {call.Method} -> {call.StatusCode}"));
            if (call.ErrorDescription is not null)
            {
                text.Append(' ').Append(call.ErrorDescription);
            }
        }

        return text.ToString();
    }

    private static string NormalizeFaultMethod(string method) => method == ApiMethods.Any ? method : ApiMethods.Canonicalize(method);

    private static string DescribeStatus(int statusCode, int? retryAfter) => statusCode switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
        429 => $"Too Many Requests: retry after {retryAfter ?? 1}",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => $"Error {statusCode}",
    };

    private static async Task WriteErrorAsync(HttpContext context, ApiErrorException error)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        var body = JsonOut.Build(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", false);
            w.WriteNumber("error_code", error.StatusCode);
            w.WriteString("description", error.Description);
            if (error.RetryAfter is int retryAfter)
            {
                w.WriteStartObject("parameters");
                w.WriteNumber("retry_after", retryAfter);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
        await WriteBodyAsync(context, error.StatusCode, "application/json", body).ConfigureAwait(false);
    }

    private static async Task WriteBodyAsync(HttpContext context, int status, string contentType, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}
