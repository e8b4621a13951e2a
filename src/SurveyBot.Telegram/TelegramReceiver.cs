using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyBot.Conversation;
using SurveyBot.Storage;
using SurveyBot.Supervision;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// The bot's own receive loop. Each page of updates is stored in the inbox before the next poll
/// confirms it (by asking for updates after it), so an update is never confirmed unstored; a
/// redelivered update is dropped by the inbox (see <see cref="InboxStore.AppendAsync"/>).
/// </summary>
public sealed class TelegramReceiver(
    ITelegramBotClient bot,
    IDbContextFactory<SurveyDbContext> databases,
    InboxWriter inbox,
    UpdateProcessor processor,
    TimeProvider clock,
    TokenRedactor redactor,
    LoopSupervisor supervisor,
    IOptions<TelegramOptions> options,
    ILogger<TelegramReceiver> logger) : BackgroundService
{
    /// <summary>The kinds of update the bot acts on: what polling asks for and what the webhook is registered for.</summary>
    public static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.EditedMessage, UpdateType.CallbackQuery, UpdateType.MyChatMember];

    /// <summary>
    /// The commands shown in every client's menu: the respondent's. Admin commands stay out of it (an
    /// admin finds them in /help), so respondents are not offered commands that would only refuse them.
    /// </summary>
    public static readonly BotCommand[] Commands =
    [
        new() { Command = "start", Description = "설문 시작 또는 이어서 하기" },
        new() { Command = "back", Description = "이전 문항으로 돌아가기" },
        new() { Command = "help", Description = "도움말" },
        new() { Command = "delete", Description = "내 응답 기록 삭제" },
    ];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PrepareAsync(stoppingToken);
        await supervisor.RunAsync("Telegram receiver", ReceiveAsync, stoppingToken);
    }

    private async Task ReceiveAsync(CancellationToken stoppingToken)
    {
        long? last;
        await using (var db = await databases.CreateDbContextAsync(stoppingToken)) last = await new InboxStore(db).LastUpdateIdAsync(stoppingToken);
        var offset = last is { } id ? (int)(id + 1) : (int?)null;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                await processor.WaitForRoomAsync(stoppingToken);
                updates = await bot.GetUpdates(offset, 100, options.Value.PollTimeoutSeconds, Wanted, stoppingToken);
                failures = 0;
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
            {
                failures++;
                logger.LogWarning("Polling for updates failed ({Error}); retrying", redactor.Describe(error));
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(30_000, 250 * (1 << Math.Min(failures, 7)))), clock, stoppingToken);
                continue;
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (updates.Length == 0) continue;
            await StoreAsync(updates, stoppingToken);
            // The page's last update, not the highest id ever seen: Telegram may continue ids at a lower value.
            offset = updates[^1].Id + 1;
        }
    }

    // Not stored means not confirmed: polling waits until the page is stored (a lock or a full disk can last minutes).
    private Task StoreAsync(Update[] updates, CancellationToken stoppingToken) =>
        supervisor.RetryAsync("Storing received updates", cancellationToken => inbox.StoreAsync(updates, cancellationToken), stoppingToken);

    private async Task PrepareAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Polling and a webhook exclude each other; the menu lists the respondent's commands.
                await bot.DeleteWebhook(cancellationToken: stoppingToken);
                await bot.SetMyCommands(Commands, cancellationToken: stoppingToken);
                logger.LogInformation("Telegram channel started");
                return;
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested && !LoopSupervisor.IsFatal(error))
            {
                logger.LogWarning("Could not reach the Bot API ({Error}); retrying", redactor.Describe(error));
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, attempt)), clock, stoppingToken);
            }
        }
    }
}
