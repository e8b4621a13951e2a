namespace SurveyBot.Conversation;

/// <summary>
/// What the conversation needs to know about the channel it talks through: the name interviews are stored under,
/// whether options are typed (a terminal) or pressed, whether an answered card is edited in place, and whether the
/// channel keeps contacts and message traffic under its chat ids (broadcasts go to Telegram contacts only).
/// </summary>
public sealed record ConversationChannel(string Name, bool TypedChoices, bool Cards, bool KeepsTraffic)
{
    public static ConversationChannel Telegram { get; } = new(ChannelNames.Telegram, TypedChoices: false, Cards: true, KeepsTraffic: true);

    public static ConversationChannel Console { get; } = new(ChannelNames.Console, TypedChoices: true, Cards: false, KeepsTraffic: false);
}
