using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SurveyBot.Conversation;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Staff;

/// <summary>
/// Carries out a <see cref="RecipientListJob"/> once the channel has downloaded the list: reads it line by line, stores
/// the broadcast's invitation, the draft and its recipients, and says what to reply (the preview with its buttons, or
/// why not). Done again after a crash, it finds what it stored and only says it again.
/// </summary>
public sealed class RecipientListImporter(IDbContextFactory<SurveyDbContext> databases, IOptions<BroadcastOptions> options)
{
    private readonly StaffReplies _replies = StaffReplies.Korean;

    /// <summary>The reply when the download ran past <see cref="BroadcastOptions.MaxCsvBytes"/>.</summary>
    public OutboxCall TooLarge() => Say(Format(_replies.CsvTooLarge, options.Value.MaxCsvBytes));

    /// <param name="content">The downloaded list, from its first byte.</param>
    /// <param name="chat">The staff chat that asked.</param>
    public async Task<OutboxCall> ImportAsync(RecipientListJob job, Stream content, long chat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var reader = new StreamReader(content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
        var (ids, error) = ChatIdList.Read(reader);
        if (error is not null) return Say(Format(_replies.CsvUnreadable, error));
        if (ids.Count == 0) return Say(_replies.EmptyAudience);
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        if (await new InvitationStore(db).FindAsync(job.StartParameter, cancellationToken) is null)
        {
            db.Invitations.Add(new InvitationRecord
            {
                Token = job.StartParameter,
                FlowId = job.Flow,
                Source = "broadcast",
                SingleUse = false,
                CreatedAt = job.CreatedAt,
                ExpiresAt = job.InvitationExpiresAt,
                CreatedBy = job.CreatedBy,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
        if (!await db.Broadcasts.AnyAsync(b => b.StartParameter == job.StartParameter, cancellationToken))
            await new BroadcastStore(db).CreateListedDraftAsync(job.Flow, job.Text, job.StartParameter, job.Paid, chat, job.CreatedAt, ids, cancellationToken);
        return StaffCommands.Preview(_replies, job.Flow, BroadcastAudience.Csv, ids.Count, options.Value, job.Paid, job.Text, job.StartParameter);
    }

    private static OutboxCall Say(string text) => new() { Kind = OutboxCallKind.Send, Text = text };

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
