using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Staff;

/// <summary>A broadcast's progress as staff read it (Telegram and the <c>broadcast-status</c> verb): counts, rate, time left.</summary>
public static class BroadcastReport
{
    public static async Task<string> DescribeAsync(BroadcastStore store, BroadcastRecord broadcast, DateTime now, StaffReplies replies, CancellationToken cancellationToken)
    {
        var counts = await store.CountsAsync(broadcast.Id, cancellationToken);
        int Count(string status) => counts.GetValueOrDefault(status);
        var left = Count(DeliveryRecord.Pending) + Count(DeliveryRecord.Sending);
        // The rate over the last minute (or since the start when younger), so a pause after a 429 shows.
        var since = broadcast.StartedAt is { } started && started > now.AddMinutes(-1) ? started : now.AddMinutes(-1);
        var seconds = Math.Max(1, (now - since).TotalSeconds);
        var rate = broadcast.StartedAt is null ? 0 : await store.DoneSinceAsync(broadcast.Id, since, cancellationToken) / seconds;
        var timeLeft = broadcast.Status == BroadcastRecord.Running && rate > 0
            ? TimeSpan.FromSeconds(Math.Ceiling(left / rate)).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture)
            : replies.TimeUnknown;
        var total = counts.Values.Sum();
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, replies.Status, broadcast.Id, replies.StatusName(broadcast.Status), broadcast.Audience, total,
            Count(DeliveryRecord.Sent), Count(DeliveryRecord.Blocked), Count(DeliveryRecord.Failed), Count(DeliveryRecord.Skipped), left, rate, timeLeft);
    }
}
