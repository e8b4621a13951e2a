using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SurveyBot.Storage;

namespace SurveyBot.Testing;

/// <summary>A real SQLite file in a temporary folder, migrated like production; deleted afterwards.</summary>
public sealed class TestDatabase : IDisposable
{
    /// <param name="folder">Where to put the file (a small file system, say); a new temporary folder when null.</param>
    public TestDatabase(string? folder = null)
    {
        Folder = folder ?? Directory.CreateTempSubdirectory("surveybot-test-").FullName;
        Path = System.IO.Path.Combine(Folder, "surveybot.db");
        ConnectionString = $"Data Source={Path}";
        SurveyDatabase.MigrateAsync(ConnectionString).GetAwaiter().GetResult();
        Factory = new PooledDbContextFactory<SurveyDbContext>(SurveyDatabase.Options(ConnectionString));
    }

    public string Folder { get; }
    public string Path { get; }
    public string ConnectionString { get; }
    public IDbContextFactory<SurveyDbContext> Factory { get; }

    public SurveyDbContext Open() => Factory.CreateDbContext();

    /// <summary>Every stored answer of the chat's latest respondent, by column.</summary>
    public Dictionary<string, string> AnswersOf(string channel, long chatId)
    {
        using var db = Open();
        var id = db.Respondents.Where(r => r.Channel == channel && r.ChatId == chatId).OrderByDescending(r => r.Id).Select(r => r.Id).First();
        return db.Answers.Where(a => a.RespondentId == id).ToDictionary(a => a.Code, a => a.Value);
    }

    /// <summary>A text snapshot of every respondent and answer row, to prove that a refused input changed nothing.</summary>
    public string Snapshot()
    {
        using var db = Open();
        var respondents = db.Respondents.AsNoTracking().OrderBy(r => r.Id).AsEnumerable()
            .Select(r => $"{r.Id}|{r.Status}|{r.CurrentStep}|{r.HistoryJson}|{r.ScreenedOutAt}|{r.UpdatedAt:O}|{r.CompletedAt:O}");
        var answers = db.Answers.AsNoTracking().OrderBy(a => a.RespondentId).ThenBy(a => a.Code).AsEnumerable()
            .Select(a => $"{a.RespondentId}|{a.Code}|{a.Value}|{a.AnsweredAt:O}");
        return string.Join("\n", respondents.Concat(answers));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
