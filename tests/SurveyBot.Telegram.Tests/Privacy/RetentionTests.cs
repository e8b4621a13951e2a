using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SurveyBot.Hosting;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Privacy;

/// <summary>Retention: transport rows past their period are deleted, younger and pending ones stay; a period out of range stops the start.</summary>
public sealed class RetentionTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Pruning_deletes_old_handled_rows_and_keeps_recent_pending_and_the_newest_update()
    {
        using var database = new TestDatabase();
        var old = Now.AddDays(-8);
        await using (var db = database.Open())
        {
            db.Inbox.AddRange(
                new InboxRecord { UpdateId = 1, ChatId = 5, ReceivedAt = old, ProcessedAt = old },
                new InboxRecord { UpdateId = 2, ChatId = 5, ReceivedAt = old, ProcessedAt = old, Error = "boom", PayloadJson = "{}" },
                new InboxRecord { UpdateId = 3, ChatId = 5, ReceivedAt = old },
                new InboxRecord { UpdateId = 4, ChatId = 5, ReceivedAt = Now, ProcessedAt = Now },
                new InboxRecord { UpdateId = 5, ChatId = 5, ReceivedAt = old, ProcessedAt = old });
            db.Outbox.AddRange(
                new OutboxRecord { ChatId = 5, PayloadJson = "old sent", Status = OutboxRecord.Sent, CreatedAt = old },
                new OutboxRecord { ChatId = 5, PayloadJson = "old pending", Status = OutboxRecord.Pending, CreatedAt = old },
                new OutboxRecord { ChatId = 5, PayloadJson = "new sent", Status = OutboxRecord.Sent, CreatedAt = Now });
            var ended = new BroadcastRecord { FlowId = "citizen", Audience = "all", Status = BroadcastRecord.Completed, CreatedAt = old, FinishedAt = Now.AddDays(-15) };
            var running = new BroadcastRecord { FlowId = "citizen", Audience = "all", Status = BroadcastRecord.Running, CreatedAt = old };
            db.Broadcasts.AddRange(ended, running);
            await db.SaveChangesAsync();
            db.Deliveries.AddRange(
                new DeliveryRecord { BroadcastId = ended.Id, ChatId = 5, Status = DeliveryRecord.Sent },
                new DeliveryRecord { BroadcastId = running.Id, ChatId = 5, Status = DeliveryRecord.Pending });
            await db.SaveChangesAsync();
        }

        PruneCounts counts;
        await using (var db = database.Open())
            counts = await new TransportPruner(db).PruneAsync(new PruneCutoffs(Now.AddDays(-7), Now.AddDays(-7), Now.AddDays(-14), Now.AddDays(-30)));

        Assert.Equal(new PruneCounts(1, 1, 1), counts);
        await using var check = database.Open();
        // 2 is set aside (kept for review), 3 pending, 4 recent, 5 the newest (polling resumes after it).
        Assert.Equal([2L, 3, 4, 5], await check.Inbox.OrderBy(i => i.UpdateId).Select(i => i.UpdateId).ToListAsync());
        Assert.Equal(["new sent", "old pending"], await check.Outbox.Select(o => o.PayloadJson).OrderBy(p => p).ToListAsync());
        Assert.Equal([DeliveryRecord.Pending], await check.Deliveries.Select(d => d.Status).ToListAsync());
    }

    [Theory]
    [InlineData("Retention:InboxDays", "0")]
    [InlineData("Retention:OutboxDays", "366")]
    [InlineData("Retention:DeliveryDays", "-1")]
    [InlineData("Retention:SetAsideDays", "0")]
    [InlineData("Retention:PruneIntervalMinutes", "0")]
    public async Task A_period_out_of_range_stops_the_start_naming_the_setting(string key, string value)
    {
        using var database = new TestDatabase();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:SurveyBot"] = database.ConnectionString,
            ["Telegram:BotToken"] = "123:test",
            ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:9",
            [key] = value,
        };
        using var host = SurveyBotHost.BuildRunner([], new ConsoleRespondent(0, null), settings);
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains(key, error.Message);
    }
}
