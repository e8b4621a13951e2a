using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyBot.Supervision;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Webhook mode's start: tells Telegram where to post updates (the URL, the secret, the kinds polling would ask for,
/// and the pending updates kept), then sets the command menu. It runs once the listener is up, so the first call finds
/// it. Every instance registers the same URL, which is harmless; none deletes it on stop, since another instance may
/// still be serving and Telegram keeps updates while none is.
/// </summary>
public sealed class WebhookRegistration(
    ITelegramBotClient bot,
    TimeProvider clock,
    TokenRedactor redactor,
    LoopSupervisor supervisor,
    IOptions<TelegramOptions> options,
    ILogger<WebhookRegistration> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await bot.SetWebhook(settings.WebhookUrl, maxConnections: settings.WebhookMaxConnections, allowedUpdates: TelegramReceiver.Wanted,
                    dropPendingUpdates: false, secretToken: settings.WebhookSecret, cancellationToken: stoppingToken);
                await bot.SetMyCommands(TelegramReceiver.Commands, cancellationToken: stoppingToken);
                logger.LogInformation("Telegram channel started (webhook)");
                return;
            }
            catch (ApiRequestException refused) when (refused.ErrorCode == 400)
            {
                // Telegram refuses the address itself (unresolvable, a port it does not call, no valid certificate): retrying cannot help.
                supervisor.Fail($"{TelegramOptions.Section}__{nameof(TelegramOptions.WebhookUrl)}",
                    new InvalidOperationException($"the Bot API refused the webhook address: {refused.Message}", refused));
                return;
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
            {
                logger.LogWarning("Could not reach the Bot API ({Error}); retrying", redactor.Describe(error));
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), clock, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
