using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Storage;

/// <summary>Invitation links: created by staff, resolved and claimed when a respondent opens one.</summary>
public sealed class InvitationStore(SurveyDbContext db)
{
    /// <summary>16 random bytes, base64url: 22 characters of A-Z a-z 0-9 _ -, unguessable (128 bits).</summary>
    public static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>Stages a new invitation; it is stored with the caller's SaveChanges.</summary>
    public InvitationRecord Stage(string flowId, string source, bool singleUse, DateTime expiresAt, long createdBy, DateTime now)
    {
        var invitation = new InvitationRecord
        {
            Token = NewToken(),
            FlowId = flowId,
            Source = source,
            SingleUse = singleUse,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            CreatedBy = createdBy,
        };
        db.Invitations.Add(invitation);
        return invitation;
    }

    public Task<InvitationRecord?> FindAsync(string token, CancellationToken cancellationToken) =>
        db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Token == token, cancellationToken);

    /// <summary>
    /// Counts one use of the link for <paramref name="chatId"/>, atomically: false when it has expired or, single-use,
    /// was used by another chat. The same chat may claim its single-use link again (an update redelivered after a crash).
    /// </summary>
    public async Task<bool> ClaimAsync(long invitationId, long chatId, DateTime now, CancellationToken cancellationToken)
    {
        var changed = await SingleWriterGate.WriteAsync(db, () => db.Invitations
            .Where(i => i.Id == invitationId && i.ExpiresAt > now && (!i.SingleUse || i.Uses == 0 || i.ClaimedBy == chatId))
            .ExecuteUpdateAsync(set => set
                .SetProperty(i => i.Uses, i => i.SingleUse ? 1 : i.Uses + 1)
                .SetProperty(i => i.ClaimedBy, i => i.SingleUse ? chatId : i.ClaimedBy), cancellationToken), cancellationToken);
        return changed == 1;
    }
}
