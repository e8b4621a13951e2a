using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyBot.Conversation;
using SurveyBot.Flows;
using SurveyBot.Staff;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using SurveyBot.Supervision;

namespace SurveyBot.Fieldwork;

/// <summary>
/// Every <see cref="FieldworkOptions.ScanIntervalSeconds"/>, applies each flow's <c>fieldwork</c> section: interviews idle
/// past <c>expire_after</c> become <c>expired</c>; idle past <c>remind_after</c> get a reminder with a resume button, at
/// most <c>max_reminders</c> times. A reminder is counted and staged in the respondents' outbox in one commit, so a crash
/// never sends one twice nor loses one; the count is a conditional update, so two instances scanning one database
/// remind each respondent once. Time comes from <see cref="TimeProvider"/>, so tests can move it.
/// </summary>
public sealed partial class FieldworkScanner(
    IDbContextFactory<SurveyDbContext> databases,
    FlowCatalog flows,
    IOutboxQueue outbox,
    TimeProvider clock,
    LoopSupervisor supervisor,
    IOptions<FieldworkOptions> options,
    ILogger<FieldworkScanner> logger) : BackgroundService
{
    private const int Batch = 500;
    private readonly StaffReplies _replies = StaffReplies.Korean;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => supervisor.RunAsync("Fieldwork scanner", ScanForeverAsync, stoppingToken);

    private async Task ScanForeverAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.ScanIntervalSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            var at = clock.GetUtcNow();
            await ScanAsync(stoppingToken);
            // A pass that finds nothing due leaves no other trace; this says it ran (and what time it took as now).
            LogScanned(logger, at);
            await Task.Delay(interval, clock, stoppingToken);
        }
    }

    /// <summary>One pass over every flow with a fieldwork section.</summary>
    public async Task ScanAsync(CancellationToken cancellationToken)
    {
        foreach (var flow in flows.All.Where(f => f.Definition.Fieldwork.IsActive))
        {
            var spec = flow.Definition.Fieldwork;
            await using var db = await databases.CreateDbContextAsync(cancellationToken);
            var store = new FieldworkStore(db);
            var now = clock.GetUtcNow().UtcDateTime;
            if (spec.ExpireAfter is { } expireAfter)
            {
                var expired = await store.ExpireAsync(flow.Id, now - expireAfter, cancellationToken);
                if (expired > 0) LogExpired(logger, expired, flow.Id);
            }
            if (spec.RemindAfter is not { } remindAfter || spec.MaxReminders <= 0) continue;
            var text = string.Format(CultureInfo.InvariantCulture, _replies.Reminder, flow.Definition.Title);
            var payload = OutboxPayload.Write([new OutboxCall
            {
                Kind = OutboxCallKind.Send,
                Text = text,
                Buttons = [[new OutboxButton(_replies.ResumeButton, ChatButtons.Resume)]],
                // Unsolicited, like a broadcast: Telegram's bulk limit applies.
                Bulk = true,
            }]);
            while (true)
            {
                // Half the outbox room at most: reminders may wait long for the bulk allowance, replies must not.
                await outbox.WaitForRoomAsync(cancellationToken, share: 0.5);
                var due = await store.DueForReminderAsync(flow.Id, ChannelNames.Telegram, now - remindAfter, spec.MaxReminders, Batch, cancellationToken);
                if (due.Count == 0) break;
                var staged = new List<OutboxRecord>(due.Count);
                var outboxStore = new OutboxStore(db);
                // The claims and the staged reminders commit together (the writer gate held throughout, as for any commit).
                await SingleWriterGate.HoldUntilSavedAsync(db, cancellationToken);
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    foreach (var respondent in due)
                    {
                        if (await store.ClaimReminderAsync(respondent, now - remindAfter, now, cancellationToken))
                            staged.Add(outboxStore.Stage(respondent.ChatId, payload, now));
                    }
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                }
                db.ChangeTracker.Clear();
                outbox.Enqueue(staged);
                LogReminded(logger, due.Count, flow.Id);
                if (due.Count < Batch) break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fieldwork scan as of {At} done")]
    private static partial void LogScanned(ILogger logger, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} idle interviews of {Flow} expired")]
    private static partial void LogExpired(ILogger logger, int count, string flow);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} reminders staged for {Flow}")]
    private static partial void LogReminded(ILogger logger, int count, string flow);
}
