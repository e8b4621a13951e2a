using System.Net.Http.Headers;
using System.Text.Json;

namespace SurveyBot.FakeBotApi;

/// <summary>
/// Telegram's side of a webhook: while one is set, queued updates are POSTed to it (JSON body, the secret in
/// X-Telegram-Bot-Api-Secret-Token) instead of waiting for getUpdates, and an update counts as delivered only on a 2xx
/// answer; anything else, or no answer, is retried after a pause. Up to max_connections calls are open at once (a new
/// one starts as soon as one ends), but one chat's updates go one at a time and in order, so a test can tell what a bot did with each. The targets can be spread
/// round-robin over several URLs, like a load balancer in front of several instances.
/// </summary>
internal sealed class WebhookDelivery(UpdateQueue updates, TimeSpan retryDelay, int maxRecordedCalls) : IAsyncDisposable
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan ArrivalPoll = TimeSpan.FromMilliseconds(50);

    private readonly HttpClient _http = new() { Timeout = CallTimeout };
    private readonly object _lock = new();
    private readonly SemaphoreSlim _changing = new(1, 1);
    private readonly LinkedList<WebhookCall> _calls = new();
    private CancellationTokenSource? _running;
    private Task _loop = Task.CompletedTask;
    private string[] _spread = [];
    private long _turn;
    private long _callCount;

    /// <summary>Every webhook call made, however many the bounded log still holds.</summary>
    public long CallCount => Interlocked.Read(ref _callCount);

    public string Url { get; private set; } = string.Empty;
    public string? Secret { get; private set; }
    public int MaxConnections { get; private set; } = 40;
    public string? AllowedUpdatesJson { get; private set; }
    public string? LastErrorMessage { get; private set; }
    public DateTime? LastErrorUtc { get; private set; }

    /// <summary>Called after a 2xx answer and before the update is confirmed (a test may kill the bot there).</summary>
    public Action<WebhookCall>? AfterSuccess { get; set; }

    public bool IsSet => Url.Length > 0;

    public IReadOnlyList<WebhookCall> Calls
    {
        get { lock (_lock) return [.. _calls]; }
    }

    /// <summary>setWebhook: (re)starts delivery to <paramref name="url"/>.</summary>
    public async Task SetAsync(string url, string? secret, int maxConnections, string? allowedUpdatesJson)
    {
        // Two instances of a bot register at the same moment: one delivery loop must come out of it.
        await _changing.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopAsync().ConfigureAwait(false);
            Url = url;
            Secret = secret;
            MaxConnections = maxConnections;
            AllowedUpdatesJson = allowedUpdatesJson;
            var running = new CancellationTokenSource();
            _running = running;
            _loop = Task.Run(() => RunAsync(running.Token));
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>deleteWebhook: stops delivery; what was not delivered waits for getUpdates.</summary>
    public async Task DeleteAsync()
    {
        await _changing.WaitAsync().ConfigureAwait(false);
        try
        {
            await StopAsync().ConfigureAwait(false);
            Url = string.Empty;
            Secret = null;
        }
        finally
        {
            _changing.Release();
        }
    }

    /// <summary>Sends the calls round-robin to <paramref name="urls"/> instead of the registered URL (empty: the registered URL again).</summary>
    public void SpreadOver(string[] urls) => Volatile.Write(ref _spread, urls);

    public async ValueTask DisposeAsync()
    {
        await DeleteAsync().ConfigureAwait(false);
        _http.Dispose();
        _changing.Dispose();
    }

    private async Task StopAsync()
    {
        var running = _running;
        _running = null;
        if (running is null) return;
        await running.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped between calls.
        }

        running.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        // A sliding window, as Telegram keeps max_connections calls open: a new update goes out as soon as a connection
        // is free (after its chat's previous one), and the queue is confirmed up to the first update not yet delivered.
        long? offset = null;
        var batch = new List<UpdateEntry>();
        var open = new SortedDictionary<long, Task>();
        var chatTails = new Dictionary<long, Task>();
        using var connections = new SemaphoreSlim(MaxConnections, MaxConnections);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                batch.Clear();
                updates.TryTake(offset, MaxConnections * 4, batch, out var arrival);
                var added = false;
                foreach (var entry in batch)
                {
                    if (open.ContainsKey(entry.Id))
                    {
                        continue;
                    }

                    var chat = ChatOf(entry.Json);
                    var previous = chatTails.GetValueOrDefault(chat, Task.CompletedTask);
                    var delivery = DeliverAfterAsync(previous, entry, connections, stopping);
                    chatTails[chat] = delivery;
                    open[entry.Id] = delivery;
                    added = true;
                }

                while (open.Count > 0 && open.First() is { Value.IsCompleted: true } first)
                {
                    await first.Value.ConfigureAwait(false);
                    open.Remove(first.Key);
                    offset = first.Key + 1;
                }

                foreach (var (chat, tail) in chatTails.Where(c => c.Value.IsCompleted).ToList())
                {
                    chatTails.Remove(chat);
                }

                if (!added)
                {
                    var waiting = open.Count == 0 ? arrival : Task.WhenAny(arrival, open.First().Value);
                    try
                    {
                        await waiting.WaitAsync(ArrivalPoll, stopping).ConfigureAwait(false);
                    }
                    catch (TimeoutException)
                    {
                        // Look again: an update may have been queued for redelivery.
                    }
                }
            }
        }
        finally
        {
            // Calls in flight end with the stop token; none is confirmed that was not answered.
            await Task.WhenAll(open.Values.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        }
    }

    private async Task DeliverAfterAsync(Task previous, UpdateEntry entry, SemaphoreSlim connections, CancellationToken stopping)
    {
        await previous.ConfigureAwait(false);
        while (true)
        {
            stopping.ThrowIfCancellationRequested();
            var url = NextTarget();
            int status;
            await connections.WaitAsync(stopping).ConfigureAwait(false);
            try
            {
                status = await PostAsync(url, entry.Json, stopping).ConfigureAwait(false);
            }
            finally
            {
                connections.Release();
            }

            var call = new WebhookCall(entry.Id, url, status, DateTime.UtcNow);
            Record(call);
            if (status is >= 200 and < 300)
            {
                AfterSuccess?.Invoke(call);
                return;
            }

            LastErrorUtc = call.AtUtc;
            LastErrorMessage = status == 0 ? "Connection refused" : $"Wrong response from the webhook: {status}";
            await Task.Delay(retryDelay, stopping).ConfigureAwait(false);
        }
    }

    private async Task<int> PostAsync(string url, byte[] json, CancellationToken stopping)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!string.IsNullOrEmpty(Secret)) request.Headers.TryAddWithoutValidation(SecretHeader, Secret);
        try
        {
            using var response = await _http.SendAsync(request, stopping).ConfigureAwait(false);
            return (int)response.StatusCode;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !stopping.IsCancellationRequested)
        {
            return 0;
        }
    }

    private string NextTarget()
    {
        var spread = Volatile.Read(ref _spread);
        return spread.Length == 0 ? Url : spread[(int)((ulong)Interlocked.Increment(ref _turn) % (ulong)spread.Length)];
    }

    private void Record(WebhookCall call)
    {
        Interlocked.Increment(ref _callCount);
        lock (_lock)
        {
            _calls.AddLast(call);
            if (_calls.Count > maxRecordedCalls) _calls.RemoveFirst();
        }
    }

    /// <summary>The chat an update belongs to (the first "chat" object in it), or 0: one chat's updates go in order.</summary>
    private static long ChatOf(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return FindChat(document.RootElement) ?? 0;
    }

    private static long? FindChat(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("chat") && property.Value.ValueKind == JsonValueKind.Object
                && property.Value.TryGetProperty("id", out var id) && id.TryGetInt64(out var chatId))
            {
                return chatId;
            }

            if (FindChat(property.Value) is long found) return found;
        }

        return null;
    }
}
