using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Engine.Definition;
using SurveyBot.Engine.Runtime;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

using SurveyBot.Testing.Postgres;

namespace SurveyBot.Storage.Tests.Postgres;

/// <summary>
/// The stores' hand-written SQL on a real PostgreSQL server (inbox, outbox marks, broadcasts and deliveries, quota
/// counts, results, erasure, pruning), and the checks that must hold across instances (quotas, reminders).
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class PostgresStorageTests(PostgresFixture fixture)
{
    private static readonly DateTime Now = new(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Quota AreaSex = new("AREA_SEX", ["SQ1", "SQ2"], 2, []);

    private static RespondentRecord Completed(long chat, string sq1, string sq2, string flow = "citizen") => new()
    {
        PublicId = $"p{chat}",
        FlowId = flow,
        FlowVersion = 1,
        Channel = "telegram",
        ChatId = chat,
        Ordinal = chat,
        Status = "completed",
        AnswersJson = JsonSerializer.Serialize(new Dictionary<string, string> { ["SQ1"] = sq1, ["SQ2"] = sq2 }),
        StartedAt = Now,
        UpdatedAt = Now,
        CompletedAt = Now.AddMinutes(10),
    };

    [Fact]
    public async Task The_inbox_drops_a_redelivery_keeps_a_reused_id_with_new_content_and_lists_what_is_pending()
    {
        var database = new PostgresTestDatabase(fixture);
        await using var db = database.Open();
        var inbox = new InboxStore(db);
        InboxRecord Update(long id, string text) => new() { UpdateId = id, ChatId = 5, PayloadJson = $"{{\"text\":\"{text}\"}}", ReceivedAt = Now };

        var first = await inbox.AppendAsync([Update(100, "안녕"), Update(101, "b")], CancellationToken.None);
        var again = await inbox.AppendAsync([Update(100, "안녕")], CancellationToken.None);
        inbox.MarkProcessed(first[0].Id, Now, InboxStore.Digest(first[0].PayloadJson));
        await DirectSave.SaveAsync(db, CancellationToken.None);
        var handledAgain = await inbox.AppendAsync([Update(100, "안녕")], CancellationToken.None);
        var reused = await inbox.AppendAsync([Update(100, "new")], CancellationToken.None);

        Assert.Equal(2, first.Count);
        Assert.Empty(again);
        Assert.Empty(handledAgain);
        Assert.Single(reused);
        Assert.Equal([101L, 100L], (await inbox.PendingAsync(CancellationToken.None)).Select(r => r.UpdateId));
        Assert.Equal(100, await inbox.LastUpdateIdAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Outbox_marks_and_pruning_work_on_postgres()
    {
        var database = new PostgresTestDatabase(fixture);
        await using var db = database.Open();
        var outbox = new OutboxStore(db);
        var old = outbox.Stage(1, "{}", Now.AddDays(-30));
        var recent = outbox.Stage(1, "{}", Now);
        db.Inbox.AddRange(
            new InboxRecord { UpdateId = 1, ChatId = 1, PayloadJson = "x", ReceivedAt = Now.AddDays(-30), ProcessedAt = Now.AddDays(-30) },
            new InboxRecord { UpdateId = 2, ChatId = 1, PayloadJson = "y", ReceivedAt = Now, ProcessedAt = Now });
        await DirectSave.SaveAsync(db, CancellationToken.None);
        await outbox.MarkAsync([new OutboxResult(old.Id, OutboxRecord.Sent), new OutboxResult(recent.Id, OutboxRecord.Blocked, "403")], Now, CancellationToken.None);

        var pruned = await new TransportPruner(db).PruneAsync(new PruneCutoffs(Now.AddDays(-7), Now.AddDays(-7), Now.AddDays(-7), Now.AddDays(-7)));

        Assert.Equal(new PruneCounts(1, 1, 0), pruned);
        var left = await db.Outbox.AsNoTracking().SingleAsync();
        Assert.Equal((OutboxRecord.Blocked, "403", Now), (left.Status, left.Error, left.SentAt));
        Assert.Equal(2, (await db.Inbox.AsNoTracking().SingleAsync()).UpdateId);
    }

    [Fact]
    public async Task Broadcast_audiences_lists_and_delivery_marks_work_on_postgres()
    {
        var database = new PostgresTestDatabase(fixture);
        await using var db = database.Open();
        db.Contacts.AddRange(
            new ContactRecord { ChatId = 1, FirstSeenAt = Now, LastSeenAt = Now },
            new ContactRecord { ChatId = 2, FirstSeenAt = Now, LastSeenAt = Now },
            new ContactRecord { ChatId = 3, State = ContactRecord.Blocked, FirstSeenAt = Now, LastSeenAt = Now });
        db.Respondents.Add(Completed(2, "1", "1"));
        await db.SaveChangesAsync();
        var store = new BroadcastStore(db);

        Assert.Equal(2, await store.CountAudienceAsync("citizen", BroadcastAudience.All, CancellationToken.None));
        Assert.Equal(1, await store.CountAudienceAsync("citizen", BroadcastAudience.New, CancellationToken.None));
        var listed = await store.CreateListedDraftAsync("citizen", "안내", "citizen", paid: false, createdBy: 0, Now, [10, 11, 10], CancellationToken.None);
        var audience = store.StageDraft("citizen", BroadcastAudience.All, "안내", "citizen", paid: false, createdBy: 0, Now);
        await db.SaveChangesAsync();
        await store.MaterializeAsync(audience, CancellationToken.None);
        await store.MaterializeAsync(audience, CancellationToken.None);
        await using (var journal = await DeliveryJournal.OpenAsync(database.Factory, CancellationToken.None))
            await journal.WriteAsync([new DeliveryMark(listed, 10, DeliveryRecord.Sent, null, Now), new DeliveryMark(listed, 11, DeliveryRecord.Sending, null, Now)]);
        await store.RequeueInFlightAsync(listed, CancellationToken.None);

        Assert.True((await store.FindAsync(listed, CancellationToken.None))!.Materialized);
        Assert.Equal(new Dictionary<string, int> { [DeliveryRecord.Sent] = 1, [DeliveryRecord.Pending] = 1 }, await store.CountsAsync(listed, CancellationToken.None));
        Assert.Equal(1, await store.DoneSinceAsync(listed, Now.AddSeconds(-1), CancellationToken.None));
        Assert.Equal([1L, 2L], (await store.NextPendingAsync(audience.Id, 0, 10, CancellationToken.None)).Select(p => p.ChatId));
    }

    [Fact]
    public async Task Quota_counts_agree_cell_by_cell_and_read_the_answer_snapshots()
    {
        var database = new PostgresTestDatabase(fixture);
        await using var db = database.Open();
        db.Respondents.AddRange(Completed(1, "1", "1"), Completed(2, "1", "1"), Completed(3, "1", "2"), Completed(4, "2", "1"), Completed(5, "1", "1", flow: "expert"));
        var inProgress = Completed(6, "1", "1");
        inProgress.Status = "in_progress";
        db.Respondents.Add(inProgress);
        await db.SaveChangesAsync();

        var all = await QuotaCounter.CountCompletedAsync(db, "citizen", [AreaSex], CancellationToken.None);
        var cells = await QuotaCounter.CountCellsAsync(db, "citizen", [new QuotaCell(AreaSex, [1, 1]), new QuotaCell(AreaSex, [2, 1]), new QuotaCell(AreaSex, [2, 2])], CancellationToken.None);

        Assert.Equal((2, 1, 1), (all.Completed("AREA_SEX", "1,1"), all.Completed("AREA_SEX", "1,2"), all.Completed("AREA_SEX", "2,1")));
        Assert.Equal((2, 1, 0), (cells.Completed("AREA_SEX", "1,1"), cells.Completed("AREA_SEX", "2,1"), cells.Completed("AREA_SEX", "2,2")));
    }

    [Fact]
    public async Task A_quota_check_on_one_instance_waits_for_the_other_instance_to_commit_its_completion()
    {
        var database = new PostgresTestDatabase(fixture);
        var cell = new QuotaCell(AreaSex, [1, 1]);
        await using var first = await database.Instance("instance-a").CreateDbContextAsync();
        await using var second = await database.Instance("instance-b").CreateDbContextAsync();

        var firstCount = await new InterviewStore(first).CountQuotasForCheckAsync("citizen", [cell], CancellationToken.None);
        var secondCheck = new InterviewStore(second).CountQuotasForCheckAsync("citizen", [cell], CancellationToken.None);
        var waited = await Task.WhenAny(secondCheck, Task.Delay(TimeSpan.FromSeconds(1))) != secondCheck;
        first.Respondents.Add(Completed(1, "1", "1"));
        await DirectSave.SaveAsync(first, CancellationToken.None);
        var secondCount = await secondCheck.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(waited, "the second instance counted while the first had not committed what it decided on its count");
        Assert.Equal(0, firstCount.Completed("AREA_SEX", "1,1"));
        Assert.Equal(1, secondCount.Completed("AREA_SEX", "1,1"));
    }

    [Fact]
    public async Task Two_instances_reminding_the_same_respondent_count_one_reminder()
    {
        var database = new PostgresTestDatabase(fixture);
        await using (var db = database.Open())
        {
            var idle = Completed(1, "1", "1");
            idle.Status = "in_progress";
            idle.UpdatedAt = Now.AddDays(-2);
            db.Respondents.Add(idle);
            db.Contacts.Add(new ContactRecord { ChatId = 1, FirstSeenAt = Now, LastSeenAt = Now });
            await db.SaveChangesAsync();
        }

        async Task<bool> RemindAsync(string instance)
        {
            await using var db = await database.Instance(instance).CreateDbContextAsync();
            var store = new FieldworkStore(db);
            var due = Assert.Single(await store.DueForReminderAsync("citizen", "telegram", Now.AddDays(-1), 2, 10, CancellationToken.None));
            await using var transaction = await db.Database.BeginTransactionAsync();
            var claimed = await store.ClaimReminderAsync(due, Now.AddDays(-1), Now, CancellationToken.None);
            await Task.Delay(300); // both found it due before either committed
            await transaction.CommitAsync();
            return claimed;
        }

        var claims = await Task.WhenAll(RemindAsync("instance-a"), RemindAsync("instance-b"));

        Assert.Single(claims, true);
        await using var check = database.Open();
        Assert.Equal(1, (await check.Respondents.SingleAsync()).RemindersSent);
    }

    [Fact]
    public async Task Results_pack_answers_measure_bytes_and_erasure_removes_an_interview()
    {
        var database = new PostgresTestDatabase(fixture);
        await using var db = database.Open();
        var respondent = Completed(9, "1", "2");
        db.Respondents.Add(respondent);
        await db.SaveChangesAsync();
        db.Answers.AddRange(
            new AnswerRecord { RespondentId = respondent.Id, Code = "SQ1", Value = "1", AnsweredAt = Now },
            new AnswerRecord { RespondentId = respondent.Id, Code = "DQ5_other", Value = "교사 \"담임\"", AnsweredAt = Now });
        await db.SaveChangesAsync();

        string packed;
        await using (var rows = await ResultsQuery.OpenRespondentRowsAsync(db, "citizen", CancellationToken.None))
        {
            Assert.True(await rows.ReadAsync());
            Assert.Equal(respondent.PublicId, rows.GetString(ResultsQuery.PublicId));
            Assert.Equal(Now, rows.GetDateTime(ResultsQuery.StartedAt));
            packed = Encoding.UTF8.GetString(rows.GetFieldValue<byte[]>(ResultsQuery.PackedAnswers));
        }
        await db.Database.CloseConnectionAsync();
        var widths = await ResultsQuery.MaxTextBytesAsync(db, "citizen", ["SQ1", "DQ5_other"], CancellationToken.None);
        var erased = await new RespondentEraser(db).EraseChatAsync("telegram", 9);

        Assert.Equal(new Dictionary<string, string> { ["SQ1"] = "1", ["DQ5_other"] = "교사 \"담임\"" }, JsonSerializer.Deserialize<Dictionary<string, string>>(packed));
        Assert.Equal(Encoding.UTF8.GetByteCount("교사 \"담임\""), widths["DQ5_other"]);
        Assert.Equal(1, widths["SQ1"]);
        Assert.Equal(1, erased);
        Assert.Empty(await db.Answers.ToListAsync());
        Assert.True(await SurveyDatabase.TruncateWalAsync(db));
    }
}
