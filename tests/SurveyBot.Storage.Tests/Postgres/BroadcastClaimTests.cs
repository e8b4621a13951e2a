using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

using SurveyBot.Testing.Postgres;

namespace SurveyBot.Storage.Tests.Postgres;

/// <summary>
/// Instances sharing one broadcast on PostgreSQL: each claims small chunks of its pending recipients and never one the
/// other holds, only a gone claimer's in-flight recipients are requeued, and bulk send slots reserved from two sessions
/// follow one another on one timeline.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Postgres")]
public sealed class BroadcastClaimTests(PostgresFixture fixture)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static async Task<long> StageAsync(PostgresTestDatabase database, int recipients)
    {
        await using var db = database.Open();
        var broadcast = new BroadcastRecord { FlowId = "citizen", Audience = "all", Text = "설문 초대", Status = BroadcastRecord.Running, Materialized = true, CreatedAt = DateTime.UtcNow };
        db.Broadcasts.Add(broadcast);
        await db.SaveChangesAsync();
        db.Deliveries.AddRange(Enumerable.Range(1, recipients).Select(i => new DeliveryRecord { BroadcastId = broadcast.Id, ChatId = i }));
        await db.SaveChangesAsync();
        return broadcast.Id;
    }

    [Fact]
    public async Task Two_claimers_take_chunks_of_at_most_their_limit_and_never_the_same_recipient()
    {
        var database = new PostgresTestDatabase(fixture);
        var id = await StageAsync(database, 400);
        var claimed = new ConcurrentQueue<(string Owner, int Chunk, long Chat)>();

        async Task ClaimAsync(string owner)
        {
            var instance = database.Instance(owner);
            while (true)
            {
                await using var db = await instance.CreateDbContextAsync();
                var chunk = await new BroadcastStore(db).ClaimPendingAsync(id, owner, 8, Lease, CancellationToken.None);
                if (chunk.Count == 0) return;
                foreach (var (chat, _) in chunk) claimed.Enqueue((owner, chunk.Count, chat));
                await db.Deliveries.Where(d => d.BroadcastId == id && chunk.Select(c => c.ChatId).Contains(d.ChatId))
                    .ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryRecord.Sent));
            }
        }

        await Task.WhenAll(Task.Run(() => ClaimAsync("instance-a")), Task.Run(() => ClaimAsync("instance-b")));

        var all = claimed.ToList();
        Assert.All(all, c => Assert.InRange(c.Chunk, 1, 8));
        Assert.Equal(400, all.Count);
        Assert.Equal(400, all.Select(c => c.Chat).Distinct().Count());
        Assert.All(all.GroupBy(c => c.Owner), g => Assert.InRange(g.Count(), 1, 399));
        await using var check = database.Open();
        var owners = await check.Deliveries.Where(d => d.BroadcastId == id).GroupBy(d => d.ClaimedBy).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        Assert.Equal(all.GroupBy(c => c.Owner).Select(g => $"{g.Key}: {g.Count()}").Order(), owners.Select(o => $"{o.Key}: {o.Count}").Order());
    }

    [Fact]
    public async Task Only_a_gone_claimers_recipients_in_flight_go_back_to_pending()
    {
        var database = new PostgresTestDatabase(fixture);
        var id = await StageAsync(database, 10);
        await using var db = database.Open();
        var store = new BroadcastStore(db);
        var held = await store.ClaimPendingAsync(id, "instance-a", 4, Lease, CancellationToken.None);
        Assert.Equal([1L, 2, 3, 4], held.Select(h => h.ChatId));
        // Two of them in flight at instance A.
        await db.Deliveries.Where(d => d.BroadcastId == id && d.ChatId <= 2).ExecuteUpdateAsync(set => set.SetProperty(d => d.Status, DeliveryRecord.Sending));

        // Instance B starting a run while A lives: nothing of A's is requeued, and B claims only what A does not hold.
        Assert.Equal(0, await store.RequeueAbandonedAsync(id, "instance-b", CancellationToken.None));
        Assert.Equal([5L, 6, 7, 8, 9, 10], (await store.ClaimPendingAsync(id, "instance-b", 20, Lease, CancellationToken.None)).Select(h => h.ChatId));
        Assert.Equal(2, await db.Deliveries.CountAsync(d => d.BroadcastId == id && d.Status == DeliveryRecord.Sending && d.ClaimedBy == "instance-a"));

        // A renews while it lives; then it dies and its lease runs out: its two in-flight recipients go back to pending,
        // and its two claimed-but-not-called ones are claimable again.
        Assert.Equal(4, await store.RenewClaimsAsync(id, "instance-a", Lease, CancellationToken.None));
        await db.Deliveries.Where(d => d.BroadcastId == id && d.ClaimedBy == "instance-a").ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseUntil, DateTime.UtcNow.AddMinutes(-1)));
        Assert.Equal(2, await store.RequeueAbandonedAsync(id, "instance-b", CancellationToken.None));
        Assert.Equal([1L, 2, 3, 4], (await store.ClaimPendingAsync(id, "instance-b", 20, Lease, CancellationToken.None)).Select(h => h.ChatId));
        Assert.Equal(0, await db.Deliveries.CountAsync(d => d.BroadcastId == id && d.Status == DeliveryRecord.Sending));
    }

    [Fact]
    public async Task Send_slots_reserved_from_two_sessions_follow_one_another()
    {
        var database = new PostgresTestDatabase(fixture);
        await using var first = database.Open();
        await using var second = database.Open();
        var started = DateTime.UtcNow;
        var starts = new List<TimeSpan>();
        // Twenty messages at 10 a second, reserved alternately by two instances: the last begins about 1.9 s on.
        for (var i = 0; i < 10; i++)
        {
            starts.Add(await SharedSendSlots.ReserveAsync(first, SharedSendSlots.Bulk, 1, 10, CancellationToken.None) + (DateTime.UtcNow - started));
            starts.Add(await SharedSendSlots.ReserveAsync(second, SharedSendSlots.Bulk, 1, 10, CancellationToken.None) + (DateTime.UtcNow - started));
        }
        for (var i = 1; i < starts.Count; i++)
            Assert.True(starts[i] - starts[i - 1] >= TimeSpan.FromMilliseconds(80), $"slot {i} begins {(starts[i] - starts[i - 1]).TotalMilliseconds:0} ms after the one before");
        Assert.InRange(starts[^1].TotalSeconds, 1.8, 2.5);

        // A 429 pauses every instance's next slot.
        await SharedSendSlots.PauseAsync(first, SharedSendSlots.Bulk, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.InRange((await SharedSendSlots.ReserveAsync(second, SharedSendSlots.Bulk, 1, 10, CancellationToken.None)).TotalSeconds, 4.5, 5.5);
    }
}
