using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace SurveyBot.Storage;

/// <summary>
/// Per-connection SQLite settings (WAL itself is set once on the file, see <see cref="SurveyDatabase"/>). WAL with synchronous=NORMAL keeps every committed transaction
/// through a process kill (only an OS crash or power loss could lose the last commits) at a fraction
/// of the cost of an fsync per answer. secure_delete overwrites what a delete or an update frees (cells,
/// overflow and freelist pages) with zeros, so an erased answer or a cleared update leaves no bytes behind in
/// the file once its pages are checkpointed (see <see cref="SurveyDatabase.TruncateWalAsync"/>). The inbox's commit, which Telegram is told of right after, is
/// synced (see <see cref="InboxStore.AppendAsync"/>).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>Shared by every database, so EF Core keeps one set of internal services (see <see cref="SingleWriterGate.Instance"/>).</summary>
    public static SqlitePragmas Instance { get; } = new();

    private SqlitePragmas()
    {
    }

    private const string Pragmas = SynchronousNormal + " PRAGMA busy_timeout=10000; PRAGMA cache_size=-512; PRAGMA secure_delete=ON;";

    /// <summary>Every commit synced to disk before it returns: for a commit that is confirmed to someone outside right after it (see <see cref="InboxStore.AppendAsync"/>).</summary>
    public const string SynchronousFull = "PRAGMA synchronous=FULL;";

    /// <summary>The connection's usual setting.</summary>
    public const string SynchronousNormal = "PRAGMA synchronous=NORMAL;";

    /// <summary>Native connections already set up: the pool hands the same one out many times, and the settings stay on it.</summary>
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = new();

    private static bool FirstOpen(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, Configured);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
