using Npgsql;

namespace SurveyBot.Storage;

/// <summary>
/// Which chats this instance may handle now, when several instances share one PostgreSQL database: a chat's inbox
/// rows are handled in order only if one instance at a time takes them. Each chat is a session-level advisory lock
/// (<c>pg_try_advisory_lock(chat id)</c>) on one connection this object keeps open: never waited for (a chat held
/// elsewhere is simply tried again later), and released by the server the moment the holder's session ends, so a
/// killed instance hands its chats over at once, with no lease to run out. The holder must read a chat's pending rows
/// after taking it, so that it sees what the previous holder committed. On SQLite one process owns the file and every
/// chat is granted without a round trip.
/// </summary>
public sealed class ChatLocks : IAsyncDisposable
{
    private readonly string? _connectionString;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly HashSet<long> _held = [];
    private NpgsqlConnection? _connection;

    private ChatLocks(string? connectionString) => _connectionString = connectionString;

    public static ChatLocks Open(StorageProvider provider, string connectionString) =>
        new(provider == StorageProvider.Postgres ? connectionString : null);

    /// <summary>The chats this instance holds right now.</summary>
    public int HeldCount
    {
        get
        {
            lock (_held) return _held.Count;
        }
    }

    /// <summary>Takes those of <paramref name="chatIds"/> that no other instance holds (and keeps the ones already held here); returns them.</summary>
    public async Task<IReadOnlySet<long>> TryLockAsync(IReadOnlyCollection<long> chatIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chatIds);
        if (_connectionString is null) return chatIds.ToHashSet();
        await _turn.WaitAsync(cancellationToken);
        try
        {
            var wanted = chatIds.Distinct().Where(c => !_held.Contains(c)).ToArray();
            var granted = chatIds.Where(_held.Contains).ToHashSet();
            if (wanted.Length == 0) return granted;
            var connection = await ConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT k FROM unnest(@chats) AS k WHERE pg_try_advisory_lock(k)";
            command.Parameters.AddWithValue("chats", wanted);
            try
            {
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken)) granted.Add(reader.GetInt64(0));
            }
            catch (NpgsqlException)
            {
                Reset();
                throw;
            }
            lock (_held) _held.UnionWith(granted);
            return granted;
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Lets other instances take <paramref name="chatIds"/> (after this instance committed what it handled of them).</summary>
    public async Task UnlockAsync(IReadOnlyCollection<long> chatIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chatIds);
        if (_connectionString is null) return;
        await _turn.WaitAsync(cancellationToken);
        try
        {
            long[] release;
            lock (_held) release = chatIds.Distinct().Where(_held.Remove).ToArray();
            if (release.Length == 0 || _connection is null) return;
            await using var command = _connection.CreateCommand();
            command.CommandText = "SELECT pg_advisory_unlock(k) FROM unnest(@chats) AS k";
            command.Parameters.AddWithValue("chats", release);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (NpgsqlException)
            {
                // The session is gone, and every lock it held with it.
                Reset();
                throw;
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    private async Task<NpgsqlConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (_connection is { State: System.Data.ConnectionState.Open }) return _connection;
        Reset();
        // Its own physical connection: a pooled one would carry the locks to whoever borrows it next.
        var builder = new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false, ApplicationName = "surveybot chat locks" };
        var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken);
        _connection = connection;
        return connection;
    }

    /// <summary>After a lost session nothing is held any more.</summary>
    private void Reset()
    {
        lock (_held) _held.Clear();
        _connection?.Dispose();
        _connection = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _turn.Dispose();
    }
}
