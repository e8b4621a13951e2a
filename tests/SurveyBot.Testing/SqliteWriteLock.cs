using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace SurveyBot.Testing;

/// <summary>
/// Another process (the <c>sqlite3</c> command-line shell) holding a write transaction on a SurveyBot database, as an
/// operator's query or a second program might: every writer of the bot meets SQLITE_BUSY once its busy timeout runs
/// out, for as long as the lock is held. Disposing rolls the transaction back and ends the shell.
/// </summary>
public sealed class SqliteWriteLock : IAsyncDisposable
{
    private readonly Process _shell;

    private SqliteWriteLock(Process shell) => _shell = shell;

    public static async Task<SqliteWriteLock> HoldAsync(string databasePath)
    {
        var info = new ProcessStartInfo("sqlite3", [databasePath])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var shell = Process.Start(info) ?? throw new InvalidOperationException("sqlite3 could not be started");
        var held = new SqliteWriteLock(shell);
        await shell.StandardInput.WriteLineAsync(".timeout 60000");
        await shell.StandardInput.WriteLineAsync("BEGIN IMMEDIATE;");
        await shell.StandardInput.FlushAsync();
        // The lock is held once a writer of our own is refused at once.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!IsLocked(databasePath))
        {
            if (DateTime.UtcNow > deadline || shell.HasExited) throw new InvalidOperationException("sqlite3 did not take the write lock: " + await shell.StandardError.ReadToEndAsync());
            await Task.Delay(50);
        }
        return held;
    }

    public static bool IsLocked(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False;Default Timeout=1");
        connection.Open();
        using var timeout = connection.CreateCommand();
        timeout.CommandText = "PRAGMA busy_timeout=0;";
        timeout.ExecuteNonQuery();
        using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
        try
        {
            begin.ExecuteNonQuery();
            return false;
        }
        catch (SqliteException busy) when (busy.SqliteErrorCode is 5 or 6)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_shell.HasExited)
        {
            await _shell.StandardInput.WriteLineAsync("ROLLBACK;");
            await _shell.StandardInput.WriteLineAsync(".quit");
            await _shell.StandardInput.FlushAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _shell.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _shell.Kill();
            }
        }
        _shell.Dispose();
    }
}
