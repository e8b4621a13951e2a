namespace SurveyBot.Storage.Entities;

/// <summary>
/// An invitation link (<c>t.me/&lt;bot&gt;?start=&lt;token&gt;</c>) created by staff: which flow it opens, the
/// source stored with the respondents it brings, how often it may be used and until when.
/// </summary>
public sealed class InvitationRecord
{
    public long Id { get; set; }

    /// <summary>The deep-link parameter: random, URL-safe, at most 64 characters of A-Z a-z 0-9 _ -.</summary>
    public string Token { get; set; } = "";

    public string FlowId { get; set; } = "";

    /// <summary>Stored as the respondent's <c>source</c> (exported), e.g. a campaign name.</summary>
    public string Source { get; set; } = "";

    /// <summary>A single-use link starts one interview; a multi-use link any number until it expires.</summary>
    public bool SingleUse { get; set; }

    /// <summary>Interviews started through the link.</summary>
    public int Uses { get; set; }

    /// <summary>For a single-use link, the chat that used it (it may come back through it to resume).</summary>
    public long? ClaimedBy { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>The Telegram user id of the staff member who created it; 0 for the command line.</summary>
    public long CreatedBy { get; set; }
}
