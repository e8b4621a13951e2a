using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>
/// Send slots reserved in the database (PostgreSQL), so every instance of one bot draws from one allowance: Telegram
/// counts bulk messages per bot, and instances that each paced alone would together send at a multiple of its limit.
/// An allowance is one row holding the moment its next message may go out; a reservation moves it on by the
/// reserved messages' share of a second, from the later of that moment and now. Both are the database's clock, so the
/// instances' own clocks need not agree. The row is created by the first reservation.
/// </summary>
public static class SharedSendSlots
{
    /// <summary>
    /// Reserves <paramref name="count"/> consecutive slots at <paramref name="perSecond"/> in allowance
    /// <paramref name="name"/>; returns how long from now the first of them begins (zero or less: at once). The
    /// following ones begin one <paramref name="perSecond"/>-th of a second apart.
    /// </summary>
    public static async Task<TimeSpan> ReserveAsync(SurveyDbContext db, string name, int count, double perSecond, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var span = count / perSecond;
        var seconds = await db.Database.SqlQueryRaw<double>(
            """
            INSERT INTO send_slots ("Name", "NextAt") VALUES (@name, now() + make_interval(secs => @span))
            ON CONFLICT ("Name") DO UPDATE SET "NextAt" = GREATEST(send_slots."NextAt", now()) + make_interval(secs => @span)
            RETURNING CAST(EXTRACT(EPOCH FROM ("NextAt" - make_interval(secs => @span) - now())) AS double precision) AS "Value"
            """,
            new Npgsql.NpgsqlParameter("name", name), new Npgsql.NpgsqlParameter("span", span)).ToListAsync(cancellationToken);
        return TimeSpan.FromSeconds(seconds[0]);
    }

    /// <summary>No slot of <paramref name="name"/> begins before <paramref name="pause"/> from now: Telegram answered 429 to one instance, and its flood control covers the whole bot.</summary>
    public static Task PauseAsync(SurveyDbContext db, string name, TimeSpan pause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO send_slots ("Name", "NextAt") VALUES (@name, now() + make_interval(secs => @pause))
            ON CONFLICT ("Name") DO UPDATE SET "NextAt" = GREATEST(send_slots."NextAt", now() + make_interval(secs => @pause))
            """,
            [new Npgsql.NpgsqlParameter("name", name), new Npgsql.NpgsqlParameter("pause", pause.TotalSeconds)], cancellationToken);
    }

    /// <summary>The allowance broadcasts and reminders share.</summary>
    public const string Bulk = SendSlotRecord.Bulk;
}
