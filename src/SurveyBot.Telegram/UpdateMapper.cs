using SurveyBot.Conversation;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Maps a Telegram update to what the person did (<see cref="ConversationInput"/>); the conversation layer decides the
/// rest. Telegram vouches for the sender's user id and for its copy of a pressed message; the rest is the client's.
/// </summary>
public static class UpdateMapper
{
    /// <summary>The chat an update belongs to; 0 when it has none.</summary>
    public static long ChatOf(Update update) => update switch
    {
        { Message: { } m } => m.Chat.Id,
        { EditedMessage: { } m } => m.Chat.Id,
        { CallbackQuery: { } q } => q.Message?.Chat.Id ?? q.From.Id,
        { MyChatMember: { } member } => member.Chat.Id,
        _ => 0,
    };

    /// <summary>The input an update stands for; null for an update SurveyBot does not act on.</summary>
    public static ConversationInput? ToInput(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update switch
        {
            { Message: { } message } => new ConversationInput
            {
                Kind = ConversationInputKind.Message,
                ChatId = message.Chat.Id,
                UserId = message.From?.Id,
                PrivateChat = message.Chat.Type == ChatType.Private,
                Text = message.Text,
                Caption = message.Caption,
                File = message.Document is { } document ? new SharedFile(document.FileId, document.FileSize) : null,
            },
            { CallbackQuery: { } query } => new ConversationInput
            {
                Kind = ConversationInputKind.ButtonPress,
                ChatId = query.Message?.Chat.Id ?? query.From.Id,
                UserId = query.From.Id,
                PrivateChat = query.Message is not { } shown || shown.Chat.Type == ChatType.Private,
                ButtonData = query.Data,
                PressId = query.Id,
                Pressed = query.Message is { } pressed
                    ? new ShownMessage(pressed.MessageId, pressed.Text, pressed.Date,
                        pressed.ReplyMarkup?.InlineKeyboard.SelectMany(row => row).Select(button => button.CallbackData).OfType<string>().ToList() ?? [])
                    : null,
            },
            { EditedMessage: { } edited } => new ConversationInput
            {
                Kind = ConversationInputKind.EditedMessage,
                ChatId = edited.Chat.Id,
                UserId = edited.From?.Id,
                PrivateChat = edited.Chat.Type == ChatType.Private,
            },
            { MyChatMember: { } member } when member.Chat.Type != ChatType.Private =>
                member.NewChatMember.Status is ChatMemberStatus.Member or ChatMemberStatus.Administrator
                    ? new ConversationInput { Kind = ConversationInputKind.AddedToGroup, ChatId = member.Chat.Id, UserId = member.From.Id, PrivateChat = false }
                    : null,
            { MyChatMember: { } member } => new ConversationInput
            {
                Kind = member.NewChatMember.Status == ChatMemberStatus.Kicked ? ConversationInputKind.Blocked : ConversationInputKind.MembershipChanged,
                ChatId = member.Chat.Id,
                UserId = member.From.Id,
            },
            _ => null,
        };
    }
}
