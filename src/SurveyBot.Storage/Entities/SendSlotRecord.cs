namespace SurveyBot.Storage.Entities;

/// <summary>
/// A send allowance shared by every instance on one PostgreSQL database: the moment (the database's clock) from which
/// its next message may go out. Telegram limits bulk messages per bot, not per process, so instances reserve their
/// slots here (see <see cref="SharedSendSlots"/>) instead of each pacing alone. Unused on SQLite, where one process
/// paces itself.
/// </summary>
public sealed class SendSlotRecord
{
    /// <summary>Which allowance: <see cref="Bulk"/> (broadcasts and reminders).</summary>
    public string Name { get; set; } = "";

    public DateTime NextAt { get; set; }

    public const string Bulk = "bulk";
}
