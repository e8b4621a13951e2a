using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace SurveyBot.Storage;

/// <summary>
/// Writes broadcast delivery states with group commit: every writer waits until its marks are committed, and all the
/// marks queued meanwhile share one transaction (one prepared statement per row). A broadcast marks each recipient
/// before and after its call, so at hundreds of messages a second this keeps SQLite's work to a few commits per batch
/// of calls instead of two per message, without weakening what a committed mark means.
/// </summary>
public sealed class DeliveryJournal : IAsyncDisposable
{
    private readonly SurveyDbContext _db;
    private readonly DbCommand _update;
    private readonly DbParameter _status, _error, _at, _broadcast, _chat;
    private readonly bool _postgres;
    private readonly Channel<(IReadOnlyList<DeliveryMark> Marks, TaskCompletionSource Done)> _queue =
        Channel.CreateUnbounded<(IReadOnlyList<DeliveryMark>, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;

    private DeliveryJournal(SurveyDbContext db)
    {
        _db = db;
        _update = db.Database.GetDbConnection().CreateCommand();
        _postgres = SqlDialect.IsPostgres(db);
        _update.CommandText = "UPDATE deliveries SET \"Status\" = @status, \"Error\" = @error, \"UpdatedAt\" = @at WHERE \"BroadcastId\" = @broadcast AND \"ChatId\" = @chat";
        _status = Add("@status");
        _error = Add("@error");
        _at = Add("@at");
        _broadcast = Add("@broadcast");
        _chat = Add("@chat");
        _writer = Task.Run(WriteLoopAsync);
    }

    public static async Task<DeliveryJournal> OpenAsync(IDbContextFactory<SurveyDbContext> databases, CancellationToken cancellationToken)
    {
        var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new DeliveryJournal(db);
    }

    /// <summary>Commits <paramref name="marks"/> (in one transaction, maybe with other writers' marks); returns once they are durable.</summary>
    public Task WriteAsync(IReadOnlyList<DeliveryMark> marks)
    {
        if (marks.Count == 0) return Task.CompletedTask;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((marks, done))) done.SetException(new ObjectDisposedException(nameof(DeliveryJournal)));
        return done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<(IReadOnlyList<DeliveryMark> Marks, TaskCompletionSource Done)>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 1024 && _queue.Reader.TryRead(out var entry)) batch.Add(entry);
            try
            {
                await SingleWriterGate.WriteAsync(_db, () =>
                {
                    using var transaction = _db.Database.GetDbConnection().BeginTransaction();
                    _update.Transaction = transaction;
                    foreach (var (marks, _) in batch)
                    {
                        foreach (var mark in marks)
                        {
                            _status.Value = mark.Status;
                            _error.Value = (object?)mark.Error ?? DBNull.Value;
                            // On SQLite the text form EF Core stores DateTime in, so these values compare with its own.
                            _at.Value = _postgres ? SqlDialect.Bindable(mark.At) : mark.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                            _broadcast.Value = mark.BroadcastId;
                            _chat.Value = mark.ChatId;
                            _update.ExecuteNonQuery();
                        }
                    }
                    transaction.Commit();
                    return Task.FromResult(0);
                }, CancellationToken.None);
                foreach (var (_, done) in batch) done.TrySetResult();
            }
            catch (Exception error)
            {
                foreach (var (_, done) in batch) done.TrySetException(error);
            }
        }
    }

    private DbParameter Add(string name)
    {
        var parameter = _update.CreateParameter();
        parameter.ParameterName = name;
        _update.Parameters.Add(parameter);
        return parameter;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _update.DisposeAsync();
        await _db.DisposeAsync();
    }
}
