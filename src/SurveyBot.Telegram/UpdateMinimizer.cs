using Telegram.Bot.Types;

namespace SurveyBot.Channels.Telegram;

/// <summary>
/// Reduces a received update to what SurveyBot acts on before it is stored or handled: the ids, the chat's kind, the
/// text (or a document and its caption, for a staff upload), a pressed button's data and the bot's own message it sat
/// on. Names, usernames, language, phone numbers, forwards, replies and anything else a person's client sends along
/// are dropped here and never reach the database. The bot handles the reduced update, not the received one, so an
/// update handled after a restart is handled exactly as it would have been at once.
/// </summary>
public static class UpdateMinimizer
{
    public static Update Minimize(Update update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new Update
        {
            Id = update.Id,
            Message = Reduce(update.Message),
            EditedMessage = update.EditedMessage is { } edited ? new Message { Id = edited.Id, Date = edited.Date, Chat = Reduce(edited.Chat) } : null,
            CallbackQuery = update.CallbackQuery is { } query
                ? new CallbackQuery { Id = query.Id, From = Reduce(query.From), ChatInstance = query.ChatInstance, Data = query.Data, Message = Reduce(query.Message) }
                : null,
            MyChatMember = update.MyChatMember is { } member
                ? new ChatMemberUpdated
                {
                    Chat = Reduce(member.Chat),
                    From = Reduce(member.From),
                    Date = member.Date,
                    OldChatMember = Reduce(member.OldChatMember),
                    NewChatMember = Reduce(member.NewChatMember),
                }
                : null,
        };
    }

    private static Message? Reduce(Message? message) => message is null ? null : new Message
    {
        Id = message.Id,
        Date = message.Date,
        Chat = Reduce(message.Chat),
        From = message.From is { } from ? Reduce(from) : null,
        Text = message.Text,
        Caption = message.Caption,
        Document = message.Document is { } document
            ? new Document { FileId = document.FileId, FileUniqueId = document.FileUniqueId, FileSize = document.FileSize, MimeType = document.MimeType }
            : null,
        ReplyMarkup = message.ReplyMarkup,
    };

    private static Chat Reduce(Chat chat) => new() { Id = chat.Id, Type = chat.Type };

    /// <summary>A user is only its id (admins and staff are known by it); the first name Telegram requires stays empty.</summary>
    private static User Reduce(User user) => new() { Id = user.Id, IsBot = user.IsBot, FirstName = "" };

    /// <summary>Only the member's status is read (the chat blocked or unblocked the bot); the member is the bot itself.</summary>
    private static ChatMember Reduce(ChatMember member) => member switch
    {
        ChatMemberBanned => new ChatMemberBanned { User = Reduce(member.User) },
        ChatMemberLeft => new ChatMemberLeft { User = Reduce(member.User) },
        _ => new ChatMemberMember { User = Reduce(member.User) },
    };
}
