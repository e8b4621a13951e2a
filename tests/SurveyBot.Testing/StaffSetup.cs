using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Testing;

/// <summary>Contacts and staff for the staff tests: people who started the bot earlier, stored as the bot stores them.</summary>
public static class StaffSetup
{
    /// <summary>The Telegram user (and private chat) id configured as staff in these tests.</summary>
    public const long StaffChat = 900_001;

    public static Dictionary<string, string?> StaffSettings(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["Access:Staff:0"] = StaffChat.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (key, value) in extra ?? []) settings[key] = value;
        return settings;
    }

    public static async Task SeedContactsAsync(TestDatabase database, IEnumerable<long> chatIds, string state, DateTime seenAt)
    {
        await using var db = database.Open();
        db.Contacts.AddRange(chatIds.Select(id => new ContactRecord { ChatId = id, State = state, FirstSeenAt = seenAt, LastSeenAt = seenAt }));
        await db.SaveChangesAsync();
    }

    public static async Task<Dictionary<string, int>> DeliveryCountsAsync(TestDatabase database, long broadcastId)
    {
        await using var db = database.Open();
        return await db.Deliveries.Where(d => d.BroadcastId == broadcastId).GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    public static async Task<BroadcastRecord?> BroadcastAsync(TestDatabase database)
    {
        await using var db = database.Open();
        return await db.Broadcasts.AsNoTracking().OrderByDescending(b => b.Id).FirstOrDefaultAsync();
    }
}
