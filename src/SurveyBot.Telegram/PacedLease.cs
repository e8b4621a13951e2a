using System.Threading.RateLimiting;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// The lease the send pipeline's rate limiter hands Polly once a call's waits are over. Polly disposes it when the
/// call ends, which dates the call for its chat's pacing and, for a bulk call, its send-window slot.
/// </summary>
internal sealed class PacedLease(RateLimitLease? inner, SendWindow? window, SendWindow.Slot? slot, ChatPacer? pacer = null, long chatId = 0) : RateLimitLease
{
    private readonly long _started = pacer?.Now ?? 0;

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
            pacer?.Complete(chatId, _started);
        }
        base.Dispose(disposing);
    }
}
