using SurveyBot.Storage.Entities;

namespace SurveyBot.Conversation;

/// <summary>
/// Where whoever commits outbox rows outside the update processor (reminders, broadcast reports) hands them to the
/// channel's sender, and waits for room first so that what waits in memory stays bounded.
/// </summary>
public interface IOutboxQueue
{
    /// <summary>Queues rows just committed to the outbox.</summary>
    void Enqueue(IEnumerable<OutboxRecord> rows);

    /// <summary>Waits while <paramref name="share"/> of the sender's room is taken.</summary>
    Task WaitForRoomAsync(CancellationToken cancellationToken, double share = 1.0);
}
