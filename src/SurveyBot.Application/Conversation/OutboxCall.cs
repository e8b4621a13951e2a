using SurveyBot.Staff;

namespace SurveyBot.Conversation;

/// <summary>
/// One reply intent decided while handling an input (what to say, which card, which buttons; an edit of the card
/// pressed, the acknowledgement of a press), stored in the outbox as JSON until the channel makes it.
/// </summary>
public sealed record OutboxCall
{
    public OutboxCallKind Kind { get; init; }
    public string? Text { get; init; }

    /// <summary>Inline keyboard rows; null or empty for none (an edit then removes the keyboard).</summary>
    public IReadOnlyList<IReadOnlyList<OutboxButton>>? Buttons { get; init; }

    /// <summary>The message an edit changes.</summary>
    public int MessageId { get; init; }

    /// <summary>The button press an acknowledgement answers.</summary>
    public string? CallbackQueryId { get; init; }

    /// <summary>
    /// True for a message nobody just asked for (a reminder): it takes from the bulk allowance broadcasts use, while
    /// replies to a respondent's own action are paced per chat only.
    /// </summary>
    public bool Bulk { get; init; }

    /// <summary>The picture a <see cref="OutboxCallKind.Photo"/> call uploads (a file of the flows folder).</summary>
    public string? FilePath { get; init; }

    /// <summary>The report a <see cref="OutboxCallKind.Report"/> call renders and sends.</summary>
    public OutboxReport? Report { get; init; }

    /// <summary>
    /// Invitation start parameters to list after <see cref="Text"/> as the channel's links, one a line: only the channel
    /// knows its own address (Telegram: the bot's username, asked once with getMe by the sender, never while handling).
    /// </summary>
    public IReadOnlyList<string>? StartLinks { get; init; }

    /// <summary>The uploaded recipient list an <see cref="OutboxCallKind.ImportRecipients"/> call downloads and stores.</summary>
    public RecipientListJob? Import { get; init; }
}
