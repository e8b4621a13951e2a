using SurveyBot.Interviews;
using SurveyBot.Storage;
using SurveyBot.Storage.Entities;

namespace SurveyBot.Conversation;

/// <summary>The unit of work a batch of updates is handled in: interviews and contacts read up front, one commit at the end.</summary>
public sealed record HandlingContext(InterviewService Interviews, ContactStore Contacts, Dictionary<long, ContactRecord> KnownContacts, DateTime Now)
{
    /// <summary>The channel the inputs came through (Telegram unless said otherwise).</summary>
    public ConversationChannel Channel { get; init; } = ConversationChannel.Telegram;

    /// <summary>Erases a respondent's interviews (/delete) in the same unit of work.</summary>
    public required RespondentEraser Eraser { get; init; }
    /// <summary>The unit of work's database, for what staff commands and invitation links read and stage.</summary>
    public SurveyDbContext? Database { get; init; }
    /// <summary>Chats erased in this unit of work (/delete confirmed): their updates in it are cut loose from them, and the database's freed bytes are purged after the commit.</summary>
    public HashSet<long> ErasedChats { get; } = [];
}
