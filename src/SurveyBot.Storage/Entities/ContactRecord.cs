namespace SurveyBot.Storage.Entities;

/// <summary>
/// A private chat that has talked to the bot, and whether it can be written to. Holds no name or
/// username: only what is needed to reach the chat.
/// </summary>
public sealed class ContactRecord
{
    public long ChatId { get; set; }

    /// <summary><c>active</c>, <c>blocked</c> (the platform refused delivery), <c>stopped</c> (opted out) or <c>left</c> (a group the bot left).</summary>
    public string State { get; set; } = Active;

    public DateTime FirstSeenAt { get; set; }
    public DateTime LastSeenAt { get; set; }

    public const string Active = "active";
    public const string Blocked = "blocked";
    public const string Stopped = "stopped";

    /// <summary>A group or channel: the bot said once that it works in private chats and left; it never writes there again.</summary>
    public const string Left = "left";
}
