using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Storage;

/// <summary>
/// The Telegram path commits its units of work with <see cref="DirectSave"/> instead of SaveChanges. The same
/// changes saved both ways must leave the same rows behind: inserts with generated ids (and answers pointing at a
/// respondent inserted in the same unit of work), updates of changed columns only, deletes.
/// </summary>
public sealed class DirectSaveTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Saving_directly_stores_exactly_what_SaveChanges_stores()
    {
        using var direct = new TestDatabase();
        using var tracked = new TestDatabase();
        var directIds = await RunAsync(direct, (db, token) =>
        {
            Assert.True(DirectSave.CanSaveDirectly(db));
            return DirectSave.SaveAsync(db, token);
        });
        var trackedIds = await RunAsync(tracked, (db, token) => db.SaveChangesAsync(token));

        Assert.Equal(trackedIds, directIds);
        Assert.Equal(Dump(tracked), Dump(direct));
        Assert.Contains("answers|2|B1|new", Dump(direct));
        Assert.DoesNotContain("answers|1|A2|", Dump(direct));
    }

    [Fact]
    public async Task An_update_of_a_row_gone_from_the_database_fails_and_commits_nothing()
    {
        using var database = new TestDatabase();
        await using (var db = database.Open())
        {
            db.Outbox.Add(new OutboxRecord { ChatId = 1, PayloadJson = "{}", CreatedAt = Start });
            await db.SaveChangesAsync();
        }
        await using (var db = database.Open())
        {
            db.Outbox.Add(new OutboxRecord { ChatId = 2, PayloadJson = "{}", CreatedAt = Start });
            var missing = new InboxRecord { Id = 99, UpdateId = 99, ProcessedAt = Start };
            db.Inbox.Attach(missing);
            db.Entry(missing).Property(i => i.ProcessedAt).IsModified = true;
            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => DirectSave.SaveAsync(db, CancellationToken.None));
        }
        await using (var db = database.Open())
        {
            Assert.Equal([1L], db.Outbox.Select(o => o.ChatId).ToList());
        }
        // The writer gate was given back: another save goes through.
        await using (var db = database.Open())
        {
            db.Outbox.Add(new OutboxRecord { ChatId = 3, PayloadJson = "{}", CreatedAt = Start });
            await DirectSave.SaveAsync(db, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Seeds one respondent with two answers and an inbox row, then stages a typical mixed unit of work and saves it with <paramref name="save"/>.</summary>
    private static async Task<string> RunAsync(TestDatabase database, Func<DbContext, CancellationToken, Task<int>> save)
    {
        await using (var db = database.Open())
        {
            var first = new RespondentRecord { PublicId = "Rfirst", FlowId = "citizen", FlowVersion = 1, Channel = "telegram", ChatId = 1, Ordinal = 1, StartedAt = Start, UpdatedAt = Start };
            db.Respondents.Add(first);
            db.Answers.Add(new AnswerRecord { Respondent = first, Code = "A1", Value = "1", AnsweredAt = Start });
            db.Answers.Add(new AnswerRecord { Respondent = first, Code = "A2", Value = "2", AnsweredAt = Start });
            db.Inbox.Add(new InboxRecord { UpdateId = 10, ChatId = 1, PayloadJson = "{\"update_id\":10}", ReceivedAt = Start });
            db.Contacts.Add(new ContactRecord { ChatId = 1, FirstSeenAt = Start, LastSeenAt = Start });
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            var later = Start.AddMinutes(5);
            var first = await db.Respondents.SingleAsync(r => r.ChatId == 1);
            first.Status = "complete";
            first.CurrentStep = null;
            first.AnswersJson = "{\"A1\":\"7\",\"문항\":\"응답\"}";
            first.CompletedAt = later;
            first.UpdatedAt = later;
            db.Answers.Update(new AnswerRecord { RespondentId = first.Id, Code = "A1", Value = "7", AnsweredAt = later });
            db.Answers.Remove(new AnswerRecord { RespondentId = first.Id, Code = "A2" });

            var second = new RespondentRecord { PublicId = "Rsecond", FlowId = "citizen", FlowVersion = 1, Channel = "telegram", ChatId = 2, Ordinal = 2, Source = "link", StartedAt = later, UpdatedAt = later };
            db.Respondents.Add(second);
            db.Answers.Add(new AnswerRecord { Respondent = second, Code = "B1", Value = "new", AnsweredAt = later });

            var contact = await db.Contacts.SingleAsync(c => c.ChatId == 1);
            contact.LastSeenAt = later;
            db.Contacts.Add(new ContactRecord { ChatId = 2, FirstSeenAt = later, LastSeenAt = later });

            var handled = new InboxRecord { UpdateId = 10, ProcessedAt = later };
            db.Inbox.Attach(handled);
            db.Entry(handled).Property(i => i.ProcessedAt).IsModified = true;
            var outbox = new[] { new OutboxRecord { ChatId = 1, PayloadJson = "[{\"k\":1}]", CreatedAt = later }, new OutboxRecord { ChatId = 2, PayloadJson = "[]", CreatedAt = later } };
            db.Outbox.AddRange(outbox);

            await save(db, CancellationToken.None);
            return $"respondent {second.Id}, outbox {outbox[0].Id} {outbox[1].Id}";
        }
    }

    private static string Dump(TestDatabase database)
    {
        using var db = database.Open();
        var rows = new List<string>();
        rows.AddRange(db.Respondents.AsNoTracking().OrderBy(r => r.Id).AsEnumerable()
            .Select(r => $"respondents|{r.Id}|{r.PublicId}|{r.Status}|{r.CurrentStep}|{r.AnswersJson}|{r.HistoryJson}|{r.Source}|{r.StartedAt:O}|{r.UpdatedAt:O}|{r.CompletedAt:O}|{r.Ordinal}"));
        rows.AddRange(db.Answers.AsNoTracking().OrderBy(a => a.RespondentId).ThenBy(a => a.Code).AsEnumerable()
            .Select(a => $"answers|{a.RespondentId}|{a.Code}|{a.Value}|{a.AnsweredAt:O}"));
        rows.AddRange(db.Contacts.AsNoTracking().OrderBy(c => c.ChatId).AsEnumerable().Select(c => $"contacts|{c.ChatId}|{c.State}|{c.FirstSeenAt:O}|{c.LastSeenAt:O}"));
        rows.AddRange(db.Inbox.AsNoTracking().OrderBy(i => i.UpdateId).AsEnumerable().Select(i => $"inbox|{i.UpdateId}|{i.ChatId}|{i.PayloadJson}|{i.ReceivedAt:O}|{i.ProcessedAt:O}"));
        rows.AddRange(db.Outbox.AsNoTracking().OrderBy(o => o.Id).AsEnumerable().Select(o => $"outbox|{o.Id}|{o.ChatId}|{o.PayloadJson}|{o.Status}|{o.CreatedAt:O}"));
        // The stored text itself, not EF Core's reading of it: dates must be written in the same format.
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT StartedAt || '|' || UpdatedAt || '|' || ifnull(CompletedAt, '') FROM respondents ORDER BY Id";
        using var reader = command.ExecuteReader();
        while (reader.Read()) rows.Add("raw|" + reader.GetString(0));
        return string.Join("\n", rows);
    }
}
