namespace SurveyBot.Conversation;

/// <summary>
/// What a person did in a chat, in no channel's terms: the conversation layer decides the replies from this alone.
/// A channel builds it from its own payload (Telegram: an update) and vouches for <see cref="UserId"/>; everything
/// else in it was sent by the person's client and proves nothing.
/// </summary>
public sealed record ConversationInput
{
    public required ConversationInputKind Kind { get; init; }

    public required long ChatId { get; init; }

    /// <summary>Who did it, as the channel knows them (never anything a message says); null when the channel does not say.</summary>
    public long? UserId { get; init; }

    /// <summary>False in a group, supergroup or channel: the survey is private.</summary>
    public bool PrivateChat { get; init; } = true;

    /// <summary>A message's text; null for a message without text (a photo, a document).</summary>
    public string? Text { get; init; }

    /// <summary>A message's caption (of a document).</summary>
    public string? Caption { get; init; }

    /// <summary>A document sent with the message (a staff list of chat ids).</summary>
    public SharedFile? File { get; init; }

    /// <summary>A button press's data; sent by the client, so never trusted.</summary>
    public string? ButtonData { get; init; }

    /// <summary>The press to acknowledge (its spinner stops only when answered).</summary>
    public string? PressId { get; init; }

    /// <summary>The message whose button was pressed, as the channel shows it; null when the channel no longer has it.</summary>
    public ShownMessage? Pressed { get; init; }
}
