using System.CommandLine;
using Microsoft.Extensions.Configuration;
using SurveyBot.Configuration;
using SurveyBot.Hosting;
using SurveyBot.Storage;

namespace SurveyBot.Cli;

/// <summary><c>backup --out PATH [--force]</c>: an online, consistent copy of the configured database (safe while the bot runs).</summary>
public static class BackupVerb
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "the backup file to write", Required = true };
        var force = new Option<bool>("--force") { Description = "replace the file when it exists" };
        var command = new Command("backup", "Copy the live database to a file with VACUUM INTO (the bot may keep running)") { output, force };
        command.SetAction(async (result, cancellationToken) =>
        {
            var configuration = SurveyBotHost.CreateBuilder([]).Configuration;
            var (provider, connectionString, failures) = StorageOptions.From(configuration).Resolve();
            if (failures.Count > 0)
            {
                Console.Error.WriteLine($"backup failed: {string.Join("; ", failures)}");
                return 1;
            }
            if (provider == StorageProvider.Postgres)
            {
                // PostgreSQL's own tool makes a consistent copy of a live database; SurveyBot has nothing to add to it.
                Console.Error.WriteLine($"backup copies a SQLite file; with {StorageOptions.ProviderSetting}=postgres use pg_dump (pg_dump -Fc -f surveybot.dump <database>, see docs/operations.md)");
                return 1;
            }
            try
            {
                var written = await DatabaseBackup.WriteAsync(connectionString, result.GetValue(output)!.FullName, result.GetValue(force), cancellationToken);
                Console.WriteLine($"backed up {Path.GetFullPath(SurveyDatabase.DataSource(connectionString))} to {written} ({new FileInfo(written).Length} bytes)");
                return 0;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                Console.Error.WriteLine($"backup failed: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
