namespace SurveyBot.FakeBotApi;

/// <summary>
/// A message SurveyBot sent, in its current state as the respondent sees it. Instances are immutable
/// snapshots: an edit produces a new instance, so tests can hold one without racing the bot.
/// </summary>
public sealed record BotMessage
{
    /// <summary>The chat the message is in.</summary>
    public required long ChatId { get; init; }

    /// <summary>The message id, unique within the chat.</summary>
    public required int MessageId { get; init; }

    /// <summary>"text", "document" or "photo".</summary>
    public required string Kind { get; init; }

    /// <summary>
    /// The text as SurveyBot sent it (markup included) after the latest edit; for documents and photos the
    /// caption, or empty, so predicates never have to null-check.
    /// </summary>
    public required string Text { get; init; }

    /// <summary>The text with HTML markup removed and entities decoded, i.e. what Telegram would display.</summary>
    public required string VisibleText { get; init; }

    /// <summary>The parse_mode of the latest send or edit.</summary>
    public string? ParseMode { get; init; }

    /// <summary>Current inline keyboard rows; empty when none was sent or it was removed by an edit.</summary>
    public IReadOnlyList<IReadOnlyList<InlineButton>> InlineKeyboard { get; init; } = [];

    /// <summary>The raw reply_markup JSON of the latest send or edit (also for reply keyboards), or null.</summary>
    public string? ReplyMarkupJson { get; init; }

    /// <summary>How many successful edits were applied.</summary>
    public int EditCount { get; init; }

    /// <summary>File name of a document or photo.</summary>
    public string? FileName { get; init; }

    /// <summary>Content of a document or photo.</summary>
    public byte[]? FileBytes { get; init; }

    /// <summary>MIME type of a document or photo.</summary>
    public string? MimeType { get; init; }

    /// <summary>The file_id Telegram would hand out for the document or photo.</summary>
    public string? FileId { get; init; }

    /// <summary>Caption of a document or photo.</summary>
    public string? Caption { get; init; }

    /// <summary>When the message was sent.</summary>
    public required DateTime SentAtUtc { get; init; }

    /// <summary>When the message was last edited, if ever.</summary>
    public DateTime? EditedAtUtc { get; init; }

    /// <summary>All buttons of the current inline keyboard, row by row.</summary>
    public IEnumerable<InlineButton> Buttons => InlineKeyboard.SelectMany(row => row);

    /// <summary>The first button with exactly this label, or null.</summary>
    public InlineButton? FindButton(string text) => Buttons.FirstOrDefault(b => b.Text == text);
}
