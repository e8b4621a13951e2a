namespace SurveyBot.Staff;

/// <summary>
/// A broadcast to a list of chat ids that staff uploaded, staged while their command was handled and carried out by the
/// sender after that commit: download the list, store the draft with its recipients, send the preview.
/// </summary>
public sealed record RecipientListJob
{
    /// <summary>The channel's id of the uploaded file.</summary>
    public string FileId { get; init; } = "";

    public string Flow { get; init; } = "";

    /// <summary>The message the broadcast will carry.</summary>
    public string Text { get; init; } = "";

    /// <summary>The token of the broadcast's multi-use invitation; also what makes the job idempotent (a draft is stored once).</summary>
    public string StartParameter { get; init; } = "";

    public bool Paid { get; init; }

    /// <summary>The staff member's user id.</summary>
    public long CreatedBy { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime InvitationExpiresAt { get; init; }
}
