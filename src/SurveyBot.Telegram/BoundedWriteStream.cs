namespace SurveyBot.Channels.Telegram;

/// <summary>
/// A write-only stream that passes at most <paramref name="limit"/> bytes on to <paramref name="inner"/> and notes
/// when more came. A download is bounded by what arrives, not by the size Telegram announced (which it may omit),
/// without failing the download half-way. Written here because the runtime has no write-side length limit.
/// </summary>
public sealed class BoundedWriteStream(Stream inner, long limit) : Stream
{
    private long _written;

    /// <summary>Whether more than the limit arrived (what went beyond it was dropped).</summary>
    public bool Exceeded { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _written;

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var room = (int)Math.Min(buffer.Length, Math.Max(0, limit - _written));
        if (room < buffer.Length) Exceeded = true;
        if (room == 0) return;
        inner.Write(buffer[..room]);
        _written += room;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var room = (int)Math.Min(buffer.Length, Math.Max(0, limit - _written));
        if (room < buffer.Length) Exceeded = true;
        if (room == 0) return;
        await inner.WriteAsync(buffer[..room], cancellationToken);
        _written += room;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
