using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Storage;

/// <summary>
/// A page of updates is confirmed to Telegram as soon as it is stored, so its commit must be on disk
/// when it returns (synchronous=FULL: WAL with NORMAL does not survive a power loss), while the
/// answers committed on the same pooled connections keep the cheaper NORMAL.
/// </summary>
public sealed class InboxDurabilityTests : IDisposable
{
    private const int Normal = 1;
    private const int Full = 2;

    private readonly TestDatabase _database = new();

    [Fact]
    public async Task The_inbox_commit_is_synced_to_disk_and_other_commits_stay_normal()
    {
        var probe = new SynchronousAtCommit();
        var options = SurveyDatabase.Configure(new DbContextOptionsBuilder<SurveyDbContext>(), _database.ConnectionString).AddInterceptors(probe).Options;

        await using (var db = new SurveyDbContext(options))
            await new InboxStore(db).AppendAsync([Row(1), Row(2)], CancellationToken.None);
        await using (var db = new SurveyDbContext(options))
        {
            new InboxStore(db).MarkProcessed(1, DateTime.UtcNow, InboxStore.Digest("{}"));
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Equal([Full, Normal], probe.Seen);
        await using var check = new SurveyDbContext(options);
        Assert.Equal(2, await check.Inbox.CountAsync());
    }

    private static InboxRecord Row(long id) => new() { UpdateId = id, ChatId = 42, PayloadJson = "{}", ReceivedAt = DateTime.UtcNow };

    /// <summary>Reads the connection's synchronous setting at the moment each transaction commits.</summary>
    private sealed class SynchronousAtCommit : DbTransactionInterceptor
    {
        public List<int> Seen { get; } = [];

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "PRAGMA synchronous";
            Seen.Add(Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture));
            return result;
        }
    }

    public void Dispose() => _database.Dispose();
}
