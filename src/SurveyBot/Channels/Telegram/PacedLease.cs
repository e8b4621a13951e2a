using System.Threading.RateLimiting;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// The lease the send pipeline's rate limiter hands Polly once a call's waits are over; for a bulk call it holds the
/// send-window slot, dated by the call's end when Polly disposes the lease after the call.
/// </summary>
internal sealed class PacedLease(RateLimitLease? inner, Staff.SendWindow? window, Staff.SendWindow.Slot? slot) : RateLimitLease
{
    public override bool IsAcquired => inner?.IsAcquired ?? true;

    public override IEnumerable<string> MetadataNames => inner?.MetadataNames ?? [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return inner?.TryGetMetadata(metadataName, out metadata) ?? false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner?.Dispose();
            if (slot is not null) window?.Complete(slot);
        }
        base.Dispose(disposing);
    }
}
