using Npgsql;

namespace SurveyBot.Storage;

/// <summary>
/// The right to run one broadcast, when several instances share one PostgreSQL database: the instance holding it is the
/// only one sending that broadcast, so the deliveries it finds <c>sending</c> when it takes it were left by a holder that
/// is gone, and only those are sent again. A session-level advisory lock (<c>pg_try_advisory_lock(int, int)</c>, a key
/// space apart from the chat locks' single keys) on a connection of its own: never waited for, and released by the
/// server the moment the holder's session ends, so a killed instance's broadcast passes to the other at once. On SQLite
/// one process owns the file and the lock is granted without a round trip.
/// </summary>
public sealed class BroadcastLock : IAsyncDisposable
{
    /// <summary>The first key of every broadcast lock ("SBRC"), so they cannot meet another advisory lock of SurveyBot's.</summary>
    private const int Space = 0x53425243;

    private readonly NpgsqlConnection? _connection;

    private BroadcastLock(NpgsqlConnection? connection) => _connection = connection;

    /// <summary>Takes broadcast <paramref name="broadcastId"/> unless another instance runs it; null when it does.</summary>
    public static async Task<BroadcastLock?> TryTakeAsync(StorageProvider provider, string connectionString, long broadcastId, CancellationToken cancellationToken)
    {
        if (provider != StorageProvider.Postgres) return new BroadcastLock(null);
        // Its own physical connection: a pooled one would carry the lock to whoever borrows it next.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "surveybot broadcast lock" };
        var connection = new NpgsqlConnection(builder.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT pg_try_advisory_lock(@space, @id)";
            command.Parameters.AddWithValue("space", Space);
            command.Parameters.AddWithValue("id", unchecked((int)broadcastId));
            if (await command.ExecuteScalarAsync(cancellationToken) is true) return new BroadcastLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Ends the session, and the lock with it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
    }
}
