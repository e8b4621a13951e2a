using SurveyBot.Storage;
using SurveyBot.Storage.Entities;
using SurveyBot.Testing;

namespace SurveyBot.Storage.Tests.Storage;

public sealed class ContactStoreTests
{
    [Fact]
    public async Task Last_seen_is_kept_to_the_minute_so_answers_in_a_row_do_not_rewrite_the_contact()
    {
        using var database = new TestDatabase();
        var start = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
        await using (var db = database.Open())
        {
            var store = new ContactStore(db);
            store.Seen([], 7, start, reactivate: false);
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            var store = new ContactStore(db);
            var known = await store.LoadAsync([7], CancellationToken.None);
            store.Seen(known, 7, start.AddSeconds(40), reactivate: false);
            Assert.False(db.ChangeTracker.HasChanges());
            store.Seen(known, 7, start.AddSeconds(61), reactivate: false);
            Assert.True(db.ChangeTracker.HasChanges());
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            var contact = db.Contacts.Single(c => c.ChatId == 7);
            Assert.Equal(start.AddSeconds(61), contact.LastSeenAt);
            Assert.Equal(ContactRecord.Active, contact.State);
        }
    }
}
