namespace SurveyBot.Channels.Telegram;

/// <summary>One Bot API call decided while handling an update, stored in the outbox as JSON until sent.</summary>
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
}
