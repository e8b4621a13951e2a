using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyBot.Storage;
using SurveyBot.Supervision;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// The receiving side of webhook mode, without the HTTP: checks a call's secret, parses its update the way polling
/// does, and answers only once the update is in the inbox. Telegram keeps up to max_connections calls open at once;
/// the calls that arrive while a commit runs are stored together in the next one, so a burst costs one disk sync, not
/// one per update (as a polled page does).
/// </summary>
public sealed class WebhookIntake(
    InboxWriter inbox,
    UpdateProcessor processor,
    LoopSupervisor supervisor,
    TokenRedactor redactor,
    IOptions<TelegramOptions> options,
    ILogger<WebhookIntake> logger) : BackgroundService
{
    private readonly Channel<WebhookArrival> _arrivals = Channel.CreateUnbounded<WebhookArrival>(new UnboundedChannelOptions { SingleReader = true });

    private readonly byte[] _secret = Encoding.UTF8.GetBytes(options.Value.WebhookSecret);

    /// <summary>Whether a call carries the configured secret (compared in constant time, so timing tells nothing about it).</summary>
    public bool IsAuthorized(string? secretHeader) =>
        secretHeader is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secretHeader), _secret);

    /// <summary>Stores the update in <paramref name="body"/>; <see cref="WebhookOutcome.Stored"/> means it is committed.</summary>
    public async Task<WebhookOutcome> AcceptAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        Update? update;
        try
        {
            update = JsonSerializer.Deserialize<Update>(body.Span, JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            return WebhookOutcome.Malformed;
        }
        // Telegram numbers updates from 1; a body without update_id is no update.
        if (update is null || update.Id <= 0) return WebhookOutcome.Malformed;
        // As polling stops fetching at this many, refusing makes the update wait at Telegram, which retries it.
        if (processor.Queued >= Math.Max(1, options.Value.MaxQueuedUpdates)) return WebhookOutcome.Busy;
        var arrival = new WebhookArrival(update);
        if (!_arrivals.Writer.TryWrite(arrival)) return WebhookOutcome.Unavailable;
        return await arrival.Outcome.Task.WaitAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => supervisor.RunAsync("Webhook intake", StoreArrivalsAsync, stoppingToken);

    private async Task StoreArrivalsAsync(CancellationToken stoppingToken)
    {
        var batch = new List<WebhookArrival>();
        try
        {
            while (await _arrivals.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < options.Value.MaxBatch && _arrivals.Reader.TryRead(out var arrival)) batch.Add(arrival);
                var outcome = await StoreAsync(batch, stoppingToken);
                foreach (var arrival in batch) arrival.Outcome.TrySetResult(outcome);
            }
        }
        finally
        {
            // Stopping: calls still waiting, or arriving from now on, are refused, so Telegram sends them again (to this instance or another).
            if (stoppingToken.IsCancellationRequested) _arrivals.Writer.TryComplete();
            foreach (var arrival in batch) arrival.Outcome.TrySetResult(WebhookOutcome.Unavailable);
            while (_arrivals.Reader.TryRead(out var waiting)) waiting.Outcome.TrySetResult(WebhookOutcome.Unavailable);
        }
    }

    private async Task<WebhookOutcome> StoreAsync(List<WebhookArrival> batch, CancellationToken stoppingToken)
    {
        try
        {
            await inbox.StoreAsync([.. batch.Select(a => a.Update)], stoppingToken);
            return WebhookOutcome.Stored;
        }
        catch (Exception error) when (!stoppingToken.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
        {
            // Unlike a poll, a webhook call cannot wait out a long lock: refused, it is Telegram that keeps the update and retries.
            var transient = StorageFaults.IsTransient(error);
            logger.Log(transient ? LogLevel.Warning : LogLevel.Error, "Storing {Count} webhook updates failed ({Error}); Telegram will send them again",
                batch.Count, redactor.Describe(error));
            return WebhookOutcome.Unavailable;
        }
    }
}
