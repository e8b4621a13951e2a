using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SurveyBot.Storage;

namespace SurveyBot.Storage.Tests.Storage;

/// <summary>
/// An upgrade must not lose an interview in progress: a database written before the answers
/// snapshot existed gets it filled from its answer rows, and the interview resumes with every answer.
/// </summary>
public sealed class AnswersSnapshotMigrationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("surveybot-upgrade-").FullName;

    [Fact]
    public async Task Interviews_stored_before_the_snapshot_resume_with_all_their_answers()
    {
        var connectionString = $"Data Source={Path.Combine(_folder, "surveybot.db")}";
        await using (var old = new SurveyDbContext(SurveyDatabase.Options(connectionString)))
        {
            await old.GetService<IMigrator>().MigrateAsync("TelegramInboxOutbox");
            await old.Database.ExecuteSqlRawAsync("""
                INSERT INTO respondents (Id, PublicId, FlowId, FlowVersion, Channel, ChatId, Ordinal, Status, CurrentStep, HistoryJson, StartedAt, UpdatedAt)
                VALUES (1, 'Rabc', 'citizen', 1, 'telegram', 42, 0, 'in_progress', 'Q1', '[]', '2026-12-01 00:00:00', '2026-12-01 00:01:00'),
                       (2, 'Rdef', 'citizen', 1, 'telegram', 43, 1, 'in_progress', 'SQ1', '[]', '2026-12-01 00:00:00', '2026-12-01 00:00:00');
                INSERT INTO answers (RespondentId, Code, Value, AnsweredAt)
                VALUES (1, 'SQ1', '3', '2026-12-01 00:00:10'), (1, 'SQ3', '41', '2026-12-01 00:00:20'), (1, 'DQ5_other', '기타 "의견"', '2026-12-01 00:00:30');
                """);
        }

        await SurveyDatabase.MigrateAsync(connectionString);

        await using var db = new SurveyDbContext(SurveyDatabase.Options(connectionString));
        var resumed = InterviewStore.Rebuild(await db.Respondents.SingleAsync(r => r.Id == 1));
        Assert.Equal(new Dictionary<string, string> { ["SQ1"] = "3", ["SQ3"] = "41", ["DQ5_other"] = "기타 \"의견\"" }, resumed.State.Answers);
        Assert.Equal(["DQ5_other", "SQ1", "SQ3"], resumed.StoredColumns.Order(StringComparer.Ordinal));
        Assert.Equal("Q1", resumed.State.CurrentStep);
        Assert.Empty(InterviewStore.Rebuild(await db.Respondents.SingleAsync(r => r.Id == 2)).State.Answers);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
