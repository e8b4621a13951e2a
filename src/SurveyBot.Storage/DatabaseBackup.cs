using Microsoft.Data.Sqlite;

namespace SurveyBot.Storage;

/// <summary>
/// An online, consistent copy of the SQLite file with <c>VACUUM INTO</c>: it reads one snapshot (WAL lets the bot
/// keep writing meanwhile), writes a compact file beside the destination and moves it into place only once it is
/// complete and passes <c>PRAGMA quick_check</c>, so a failed or interrupted backup never leaves a half-written file
/// under the destination's name.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Copies the database that <paramref name="connectionString"/> names to <paramref name="destination"/>; returns the full destination path.</summary>
    /// <exception cref="FileNotFoundException">No database file exists (a backup never creates an empty one).</exception>
    /// <exception cref="IOException">The destination exists and <paramref name="overwrite"/> is false, or it is the live file itself.</exception>
    public static async Task<string> WriteAsync(string connectionString, string destination, bool overwrite, CancellationToken cancellationToken = default)
    {
        var source = Path.GetFullPath(SurveyDatabase.DataSource(connectionString));
        if (!File.Exists(source)) throw new FileNotFoundException($"no database file at {source}", source);
        var target = Path.GetFullPath(destination);
        if (string.Equals(target, source, StringComparison.Ordinal)) throw new IOException($"{target} is the live database; choose another file");
        if (File.Exists(target) && !overwrite) throw new IOException($"{target} exists; pass --force to replace it");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var partial = $"{target}.{Guid.NewGuid():N}.partial";
        try
        {
            // ReadWrite, not ReadWriteCreate: a mistyped path must fail, not back up a new empty database.
            var live = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false };
            await using (var connection = new SqliteConnection(live.ToString()))
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout=10000; VACUUM INTO $path;";
                command.Parameters.AddWithValue("$path", partial);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await CheckAsync(partial, cancellationToken);
            File.Move(partial, target, overwrite);
            return target;
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
    }

    private static async Task CheckAsync(string path, CancellationToken cancellationToken)
    {
        var copy = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(copy.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check;";
        var verdict = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (verdict != "ok") throw new IOException($"the copy failed its integrity check: {verdict}");
    }
}
