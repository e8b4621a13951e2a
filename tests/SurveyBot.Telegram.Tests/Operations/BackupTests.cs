using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using SurveyBot.Export;
using SurveyBot.Storage;
using SurveyBot.Testing;

namespace SurveyBot.Telegram.Tests.Operations;

/// <summary>The <c>backup</c> verb: an online copy of the live SQLite file that an operator can restore.</summary>
public sealed class BackupTests : IDisposable
{
    private readonly TestDatabase _live = new();

    private string BackupPath(string name) => Path.Combine(_live.Folder, "backups", name);

    [Fact]
    public async Task A_backup_taken_while_interviews_are_written_is_a_SurveyBot_database_with_the_same_respondents_and_answers()
    {
        var driver = new InterviewDriver(_live, ShippedFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch));
        for (var chat = 1; chat <= 3; chat++) await CitizenInterviews.RunAsync(driver, chat, new Dictionary<string, string>(), seed: chat);
        var before = Snapshot(_live.ConnectionString);

        // Another connection keeps answering while the copy is taken.
        using var stop = new CancellationTokenSource();
        var writerDriver = new InterviewDriver(_live, ShippedFlows.Catalog, new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddDays(1)));
        var written = 0;
        var writer = Task.Run(async () =>
        {
            for (var chat = 100; !stop.IsCancellationRequested; chat++)
            {
                await CitizenInterviews.RunAsync(writerDriver, chat, new Dictionary<string, string>(), seed: chat);
                Interlocked.Increment(ref written);
            }
        });
        while (Volatile.Read(ref written) == 0) await Task.Delay(10);

        var path = await DatabaseBackup.WriteAsync(_live.ConnectionString, BackupPath("during.db"), overwrite: false);
        var finishedWhileBackingUp = Volatile.Read(ref written);
        await stop.CancelAsync();
        await writer;

        var copy = $"Data Source={path}";
        await using (var db = new SurveyDbContext(SurveyDatabase.Options(copy)))
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var copied = Snapshot(copy);
        var live = Snapshot(_live.ConnectionString);
        Assert.StartsWith(before.Respondents, copied.Respondents, StringComparison.Ordinal);
        Assert.All(before.Answers, row => Assert.Contains(row, copied.Answers));
        // A snapshot of one moment: more than the first three interviews, and nothing the live database does not hold.
        Assert.True(copied.RespondentCount > 3, $"the copy holds {copied.RespondentCount} respondents; the writer had finished {finishedWhileBackingUp} interviews");
        Assert.All(copied.Answers, row => Assert.Contains(row, live.Answers));

        // Once writing has stopped, a second backup is the live database, as an admin's export shows.
        var quiet = await DatabaseBackup.WriteAsync(_live.ConnectionString, BackupPath("after.db"), overwrite: false);
        Assert.Equal(await ExportCsvAsync(_live.ConnectionString), await ExportCsvAsync($"Data Source={quiet}"));
        Assert.Equal(live.Respondents, Snapshot($"Data Source={quiet}").Respondents);
    }

    [Fact]
    public async Task A_backup_refuses_to_overwrite_an_existing_file_unless_forced()
    {
        var target = BackupPath("existing.db");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await File.WriteAllTextAsync(target, "an older backup");

        var refused = await Assert.ThrowsAsync<IOException>(() => DatabaseBackup.WriteAsync(_live.ConnectionString, target, overwrite: false));
        Assert.Contains("--force", refused.Message);
        Assert.Equal("an older backup", await File.ReadAllTextAsync(target));
        Assert.Equal([target], Directory.GetFiles(Path.GetDirectoryName(target)!));

        await DatabaseBackup.WriteAsync(_live.ConnectionString, target, overwrite: true);
        await using var db = new SurveyDbContext(SurveyDatabase.Options($"Data Source={target}"));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task A_backup_of_a_missing_database_fails_and_creates_no_file()
    {
        var missing = Path.Combine(_live.Folder, "typo.db");
        await Assert.ThrowsAsync<FileNotFoundException>(() => DatabaseBackup.WriteAsync($"Data Source={missing}", BackupPath("typo-copy.db"), overwrite: false));
        Assert.False(File.Exists(missing));
        Assert.False(File.Exists(BackupPath("typo-copy.db")));
    }

    [Fact]
    public async Task The_backup_verb_writes_the_copy_and_then_refuses_to_overwrite_it_with_exit_code_1()
    {
        var environment = new Dictionary<string, string> { ["ConnectionStrings__SurveyBot"] = _live.ConnectionString };
        var target = BackupPath("cli.db");
        using (var first = BotProcess.Start(_live.Folder, environment, "backup", "--out", target))
        {
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains($"to {target}", first.Output);
        }
        var written = await File.ReadAllBytesAsync(target);

        using var second = BotProcess.Start(_live.Folder, environment, "backup", "--out", target);
        Assert.Equal(1, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("exists; pass --force", second.Output);
        Assert.Equal(written, await File.ReadAllBytesAsync(target));
    }

    private static async Task<string> ExportCsvAsync(string connectionString)
    {
        var factory = new PooledDbContextFactory<SurveyDbContext>(SurveyDatabase.Options(connectionString));
        using var csv = new MemoryStream();
        await new ResultExporter(factory, ShippedFlows.Citizen.Definition).WriteAsync(ExportFormat.Csv, csv);
        return Encoding.UTF8.GetString(csv.ToArray());
    }

    private static DatabaseRows Snapshot(string connectionString)
    {
        using var db = new SurveyDbContext(SurveyDatabase.Options(connectionString));
        var respondents = db.Respondents.AsNoTracking().OrderBy(r => r.Id).AsEnumerable()
            .Select(r => $"{r.Id}|{r.PublicId}|{r.ChatId}|{r.Status}|{r.CurrentStep}|{r.CompletedAt:O}").ToList();
        var answers = db.Answers.AsNoTracking().OrderBy(a => a.RespondentId).ThenBy(a => a.Code).AsEnumerable()
            .Select(a => $"{a.RespondentId}|{a.Code}|{a.Value}|{a.AnsweredAt:O}").ToHashSet();
        return new DatabaseRows(string.Join("\n", respondents), respondents.Count, answers);
    }

    private sealed record DatabaseRows(string Respondents, int RespondentCount, HashSet<string> Answers);

    public void Dispose() => _live.Dispose();
}
