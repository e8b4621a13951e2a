using Microsoft.Data.Sqlite;
using Npgsql;

namespace SurveyBot.Storage;

/// <summary>
/// Tells a storage error that passes by itself from one caused by what was being written. A lock held by another
/// process past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED), a full disk (SQLITE_FULL) and an I/O error
/// (SQLITE_IOERR) say nothing about the update, the answer or the mark being stored: the same write succeeds once
/// the lock is released or room is made, so it is retried for as long as the condition lasts and never set aside.
/// On PostgreSQL the same holds for what Npgsql calls transient (a lost or refused connection, a server shutting
/// down, a timeout), a serialization failure or deadlock (40001, 40P01: the transaction is simply run again) and a
/// server out of room (class 53: disk full, out of memory, too many connections).
/// </summary>
public static class StorageFaults
{
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Full = 13;

    /// <summary>Whether <paramref name="error"/> (or an exception it wraps, as EF Core's DbUpdateException does) is a transient SQLite or PostgreSQL condition.</summary>
    public static bool IsTransient(Exception? error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is SqliteException sqlite && (sqlite.SqliteErrorCode & 0xFF) is Busy or Locked or IoError or Full) return true;
            if (current is PostgresException postgres && (postgres.SqlState is "40001" or "40P01" || postgres.SqlState.StartsWith("53", StringComparison.Ordinal))) return true;
            if (current is NpgsqlException npgsql && npgsql.IsTransient) return true;
            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsTransient)) return true;
        }
        return false;
    }
}
